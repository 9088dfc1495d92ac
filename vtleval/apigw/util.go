package apigw

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the string functions behind $util (apigw.md §2), written to give
// byte-for-byte what the Java libraries API Gateway very probably calls give:
// commons-lang 2.6, java.net.URLEncoder / URLDecoder and java.util.Base64 (Java 17).
// vtleval/apigw/testdata/util/*.jsonl.gz hold about 30,000 results recorded from Java
// by tools/java/src/vtlutil/UtilGolden.java; util_test.go checks every one.
//
// # Strings
//
// Java strings are sequences of UTF-16 units; Go strings are bytes. The functions here read
// a Go string as WTF-8, the superset of UTF-8 that can also spell an unpaired surrogate:
//
//   - a valid UTF-8 sequence is its code point (a supplementary one is a surrogate pair);
//   - the three bytes ED A0..BF 80..BF, which UTF-8 forbids, are the single unpaired
//     surrogate U+D800..U+DFFF they encode (so an engine that wants Java's exact results
//     for a JSON "\ud800" can store it this way);
//   - any other invalid byte sequence is decoded as Java's new String(bytes, UTF_8) decodes
//     it: each malformed piece becomes one U+FFFD, as Java would have read those bytes from a
//     request ([JavaDecodeUTF8]).
//
// Results are WTF-8 too, but only [URLDecode] can return an unpaired surrogate, and only
// when its input held one outside a %XX escape (Java copies such characters through).
// Every other result is valid UTF-8 or ASCII.

// JavaError is the exception a Java library method throws for bad input, such as
// java.lang.IllegalArgumentException from URLDecoder.decode. Error returns
// Throwable.toString: the class name, ": ", the message.
type JavaError struct {
	Class   string // fully qualified Java class name
	Message string // the exception's getMessage()
}

func (e *JavaError) Error() string { return e.Class + ": " + e.Message }

func illegalArgument(msg string) error {
	return &JavaError{Class: "java.lang.IllegalArgumentException", Message: msg}
}

// EscapeJavaScript returns s escaped by Apache Commons Lang 2.6
// StringEscapeUtils.escapeJavaScript, which $util.escapeJavaScript is (apigw.md §2.1):
// ' " \ / become \' \" \\ \/; backspace, tab, newline, form feed and carriage return become
// \b \t \n \f \r; other units below 0x20 become \u00XX; every UTF-16 unit above 0x7F
// becomes \uXXXX (upper-case hex, so a supplementary character becomes two escapes);
// everything else, 0x7F included, is copied.
//
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
func EscapeJavaScript(s string) string {
	i := 0
	for i < len(s) && jsPlain(s[i]) {
		i++
	}
	if i == len(s) {
		// printable ASCII with nothing to escape: the text itself
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	// Up to the first byte beyond ASCII each byte is a UTF-16 unit: the
	// runs that need no escape are copied as they are. From there the rest
	// is decoded as Java decodes it (what came before is whole characters).
	b.WriteString(s[:i])
	for i < len(s) {
		if s[i] >= utf8.RuneSelf {
			for _, c := range javaChars(s[i:]) {
				writeJSEscaped(&b, c)
			}
			break
		}
		writeJSEscaped(&b, uint16(s[i]))
		i++
		j := i
		for j < len(s) && jsPlain(s[j]) {
			j++
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// jsPlain reports whether c is printable ASCII that escapeJavaScript
// copies as it is (0x7F, copied too, is left to writeJSEscaped).
func jsPlain(c byte) bool {
	return c >= 0x20 && c <= 0x7e && c != '\'' && c != '"' && c != '\\' && c != '/'
}

// writeJSEscaped writes the UTF-16 unit c as escapeJavaScript does.
func writeJSEscaped(b *strings.Builder, c uint16) {
	switch {
	case c > 0x7f:
		writeUnicodeEscape(b, c)
	case c < 0x20:
		switch c {
		case '\b':
			b.WriteString(`\b`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			writeUnicodeEscape(b, c)
		}
	case c == '\'' || c == '"' || c == '\\' || c == '/':
		b.WriteByte('\\')
		b.WriteByte(byte(c))
	default:
		b.WriteByte(byte(c))
	}
}

const upperHex = "0123456789ABCDEF"

func writeUnicodeEscape(b *strings.Builder, c uint16) {
	b.WriteString(`\u`)
	b.WriteByte(upperHex[c>>12])
	b.WriteByte(upperHex[c>>8&0xf])
	b.WriteByte(upperHex[c>>4&0xf])
	b.WriteByte(upperHex[c&0xf])
}

// urlSafe reports whether URLEncoder copies c unchanged (space aside, which becomes '+').
func urlSafe(c uint16) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '*'
}

// URLEncode returns java.net.URLEncoder.encode(s, "UTF-8"), which $util.urlEncode is
// (apigw.md §2.3): letters, digits and . - * _ are kept, space becomes +, every other
// character becomes %XX per UTF-8 byte with upper-case hex. An unpaired surrogate cannot be
// encoded in UTF-8; Java writes '?' for it, so it becomes %3F.
//
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
func URLEncode(s string) string {
	cs := javaChars(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(cs); {
		c := cs[i]
		if urlSafe(c) || c == ' ' {
			if c == ' ' {
				c = '+'
			}
			b.WriteByte(byte(c))
			i++
			continue
		}
		j := i
		for j < len(cs) && !(urlSafe(cs[j]) || cs[j] == ' ') {
			j++
		}
		for _, x := range javaUTF8Bytes(cs[i:j]) {
			b.WriteByte('%')
			b.WriteByte(upperHex[x>>4])
			b.WriteByte(upperHex[x&0xf])
		}
		i = j
	}
	return b.String()
}

// URLDecode returns java.net.URLDecoder.decode(s, "UTF-8") (Java 17), which $util.urlDecode
// is (apigw.md §2.3): + becomes a space, each run of %XX escapes is collected into bytes and
// decoded as UTF-8 with malformed bytes replaced by U+FFFD, and every other character is
// copied. Like Java, the two characters after % are read by Integer.parseInt(…, 16), which
// also accepts a leading + or - and any Unicode decimal digit or full-width A-F; errors are
// *JavaError values carrying Java's IllegalArgumentException messages:
//
//	URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "zz"
//	URLDecoder: Illegal hex characters in escape (%) pattern - negative value
//	URLDecoder: Incomplete trailing escape (%) pattern
//
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
func URLDecode(s string) (string, error) {
	cs := javaChars(s)
	out := make([]uint16, 0, len(cs))
	n := len(cs)
	for i := 0; i < n; {
		c := cs[i]
		switch c {
		case '+':
			out = append(out, ' ')
			i++
		case '%':
			var bs []byte
			for i+2 < n && c == '%' {
				v, err := javaParseHexByte(cs[i+1], cs[i+2])
				if err != "" {
					return "", illegalArgument("URLDecoder: Illegal hex characters in escape (%) pattern - " + err)
				}
				bs = append(bs, byte(v))
				i += 3
				if i < n {
					c = cs[i]
				}
			}
			if i < n && c == '%' {
				return "", illegalArgument("URLDecoder: Incomplete trailing escape (%) pattern")
			}
			out = append(out, decodeJavaUTF8(bs, false)...)
		default:
			out = append(out, c)
			i++
		}
	}
	return stringFromChars(out), nil
}

// javaParseHexByte is Integer.parseInt(s, i, i+2, 16) on the two characters a and b, as
// URLDecoder calls it (Java 17), with URLDecoder's own check for a negative value. It
// returns the value, or the text URLDecoder appends to its message.
func javaParseHexByte(a, b uint16) (int, string) {
	chars := []uint16{a, b}
	fail := func(at int) (int, string) {
		return 0, "Error at index " + strconv.Itoa(at) + ` in: "` + stringFromChars(chars) + `"`
	}
	i, neg := 0, false
	if a < '0' {
		switch a {
		case '-':
			neg = true
		case '+':
		default:
			return fail(0)
		}
		i = 1
	}
	v := 0
	for ; i < 2; i++ {
		d := javaDigit16(chars[i])
		if d < 0 {
			return fail(i)
		}
		v = v*16 + d
	}
	if neg && v != 0 {
		return 0, "negative value"
	}
	return v, ""
}

// javaDigit16 is Character.digit(c, 16): ASCII hex digits, the full-width Latin letters
// A-F and a-f, and any Unicode decimal digit (general category Nd; in the BMP these come in
// runs of ten starting at zero).
func javaDigit16(c uint16) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	case 0xff21 <= c && c <= 0xff26: // Ａ-Ｆ
		return int(c-0xff21) + 10
	case 0xff41 <= c && c <= 0xff46: // ａ-ｆ
		return int(c-0xff41) + 10
	case c < 0x80 || isSurrogate(c):
		return -1
	}
	r := rune(c)
	if !unicode.Is(unicode.Nd, r) {
		return -1
	}
	for _, rg := range unicode.Nd.R16 {
		if uint16(r) >= rg.Lo && uint16(r) <= rg.Hi {
			return int(uint16(r)-rg.Lo) % 10
		}
	}
	return -1
}

// Base64Encode returns java.util.Base64.getEncoder().encodeToString(s.getBytes(UTF_8)),
// which $util.base64Encode is (apigw.md §2.4): the standard alphabet with = padding and no
// line breaks. An unpaired surrogate is encoded as '?', as Java's getBytes does.
//
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
func Base64Encode(s string) string {
	return base64.StdEncoding.EncodeToString(javaUTF8Bytes(javaChars(s)))
}

// Base64Decode returns new String(java.util.Base64.getDecoder().decode(s), UTF_8), which
// $util.base64Decode is (apigw.md §2.4). The decoder is Java's strict basic decoder: no
// whitespace or line breaks, padding optional but checked when present, and the input is
// first converted with getBytes(ISO_8859_1) (so a character above U+00FF reads as '?').
// Decoded bytes that are not UTF-8 become U+FFFD. Errors are *JavaError values with Java's
// IllegalArgumentException messages, such as "Illegal base64 character 2e",
// "Last unit does not have enough valid bits",
// "Input byte array has wrong 4-byte ending unit",
// "Input byte array has incorrect ending byte at 4" and
// "Input byte[] should at least have 2 bytes for base64 bytes".
//
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
func Base64Decode(s string) (string, error) {
	src := latin1Bytes(javaChars(s))
	if len(src) == 0 {
		return "", nil
	}
	if len(src) < 2 {
		return "", illegalArgument("Input byte[] should at least have 2 bytes for base64 bytes")
	}
	// Base64.Decoder.decode0, without the fast path (which yields the same bytes).
	var dst []byte
	sp, sl := 0, len(src)
	bits, shiftto := 0, 18
	for sp < sl {
		c := src[sp]
		sp++
		b := base64Value(c)
		if b < 0 {
			if b == -2 { // '='
				if shiftto == 6 && (sp == sl || src[sp] != '=') || shiftto == 18 {
					return "", illegalArgument("Input byte array has wrong 4-byte ending unit")
				}
				if shiftto == 6 {
					sp++
				}
				break
			}
			return "", illegalArgument("Illegal base64 character " + javaByteHex(c))
		}
		bits |= b << shiftto
		shiftto -= 6
		if shiftto < 0 {
			dst = append(dst, byte(bits>>16), byte(bits>>8), byte(bits))
			shiftto, bits = 18, 0
		}
	}
	switch shiftto {
	case 6:
		dst = append(dst, byte(bits>>16))
	case 0:
		dst = append(dst, byte(bits>>16), byte(bits>>8))
	case 12:
		return "", illegalArgument("Last unit does not have enough valid bits")
	}
	if sp < sl {
		return "", illegalArgument("Input byte array has incorrect ending byte at " + strconv.Itoa(sp))
	}
	return stringFromChars(decodeJavaUTF8(dst, false)), nil
}

// javaByteHex is Integer.toString(b, 16) of a Java (signed) byte: "2e", "-17".
func javaByteHex(c byte) string {
	return strconv.FormatInt(int64(int8(c)), 16)
}

// base64Value is the 6-bit value of c in the standard alphabet, -2 for '=' and -1 otherwise.
func base64Value(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	case c == '=':
		return -2
	}
	return -1
}

// latin1Bytes is String.getBytes(ISO_8859_1): a unit above 0xFF, a surrogate pair or an
// unpaired surrogate each become one '?'.
func latin1Bytes(cs []uint16) []byte {
	b := make([]byte, 0, len(cs))
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if c <= 0xff {
			b = append(b, byte(c))
			continue
		}
		if utf16.IsSurrogate(rune(c)) && c < 0xdc00 && i+1 < len(cs) && cs[i+1] >= 0xdc00 && cs[i+1] <= 0xdfff {
			i++
		}
		b = append(b, '?')
	}
	return b
}

// JavaDecodeUTF8 returns new String(b, UTF_8) as Java 17 computes it, as a Go string: valid
// UTF-8 is kept and each malformed piece becomes one U+FFFD, split exactly where Java splits
// it (which is not always where Go's range loop would). Use it to turn request bytes into
// the text a Java service sees.
func JavaDecodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return stringFromChars(decodeJavaUTF8(b, false))
}

func isSurrogate(c uint16) bool { return 0xd800 <= c && c <= 0xdfff }

// javaChars converts a WTF-8 Go string (see the file comment) to Java's UTF-16 units.
func javaChars(s string) []uint16 {
	return decodeJavaUTF8([]byte(s), true)
}

const replacementChar = 0xfffd

// decodeJavaUTF8 is java.lang.String.decodeUTF8_UTF16 with replacement (Java 17): UTF-8 to
// UTF-16, one U+FFFD per malformed piece. With wtf8, an encoded surrogate (ED A0..BF 80..BF)
// yields that surrogate unit instead of U+FFFD.
func decodeJavaUTF8(src []byte, wtf8 bool) []uint16 {
	dst := make([]uint16, 0, len(src))
	notCont := func(b byte) bool { return b&0xc0 != 0x80 }
	sp, sl := 0, len(src)
	for sp < sl {
		b1 := src[sp]
		sp++
		switch {
		case b1 < 0x80:
			dst = append(dst, uint16(b1))
		case b1 >= 0xc2 && b1 <= 0xdf:
			if sp < sl {
				b2 := src[sp]
				sp++
				if notCont(b2) {
					dst = append(dst, replacementChar)
					sp--
				} else {
					dst = append(dst, uint16(b1&0x1f)<<6|uint16(b2&0x3f))
				}
				continue
			}
			dst = append(dst, replacementChar)
			sp = sl
		case b1 >= 0xe0 && b1 <= 0xef:
			if sp+1 < sl {
				b2, b3 := src[sp], src[sp+1]
				sp += 2
				if b1 == 0xe0 && b2&0xe0 == 0x80 || notCont(b2) || notCont(b3) {
					dst = append(dst, replacementChar)
					sp -= 3
					if b1 == 0xe0 && b2&0xe0 == 0x80 || notCont(b2) {
						sp++
					} else {
						sp += 2
					}
					continue
				}
				c := uint16(b1&0x0f)<<12 | uint16(b2&0x3f)<<6 | uint16(b3&0x3f)
				if isSurrogate(c) && !wtf8 {
					c = replacementChar
				}
				dst = append(dst, c)
				continue
			}
			if sp < sl && (b1 == 0xe0 && src[sp]&0xe0 == 0x80 || notCont(src[sp])) {
				dst = append(dst, replacementChar)
				continue
			}
			dst = append(dst, replacementChar)
			sp = sl
		case b1 >= 0xf0 && b1 <= 0xf7:
			if sp+2 < sl {
				b2, b3, b4 := src[sp], src[sp+1], src[sp+2]
				sp += 3
				uc := rune(b1&0x07)<<18 | rune(b2&0x3f)<<12 | rune(b3&0x3f)<<6 | rune(b4&0x3f)
				if notCont(b2) || notCont(b3) || notCont(b4) || uc < 0x10000 || uc > 0x10ffff {
					dst = append(dst, replacementChar)
					sp -= 4
					switch {
					case b1 > 0xf4 || b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf) ||
						b1 == 0xf4 && b2&0xf0 != 0x80 || notCont(b2):
						sp++
					case notCont(b3):
						sp += 2
					default:
						sp += 3
					}
					continue
				}
				hi, lo := utf16.EncodeRune(uc)
				dst = append(dst, uint16(hi), uint16(lo))
				continue
			}
			if b1 > 0xf4 || sp < sl && malformed4x2(b1, src[sp]) {
				dst = append(dst, replacementChar)
				continue
			}
			sp++
			dst = append(dst, replacementChar)
			if sp < sl && notCont(src[sp]) {
				continue
			}
			sp = sl
		default: // 0x80..0xc1, 0xf8..0xff
			dst = append(dst, replacementChar)
		}
	}
	return dst
}

// malformed4x2 is Java's isMalformed4_2: b2 cannot follow the four-byte lead b1.
func malformed4x2(b1, b2 byte) bool {
	return b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf) ||
		b1 == 0xf4 && b2&0xf0 != 0x80 ||
		b2&0xc0 != 0x80
}

// stringFromChars converts UTF-16 units to a WTF-8 Go string: pairs become supplementary
// code points, unpaired surrogates their three-byte encoding.
func stringFromChars(cs []uint16) string {
	b := make([]byte, 0, len(cs))
	for i := 0; i < len(cs); i++ {
		c := rune(cs[i])
		if c >= 0xd800 && c < 0xdc00 && i+1 < len(cs) && cs[i+1] >= 0xdc00 && cs[i+1] <= 0xdfff {
			b = utf8.AppendRune(b, utf16.DecodeRune(c, rune(cs[i+1])))
			i++
			continue
		}
		if utf16.IsSurrogate(c) {
			b = append(b, 0xe0|byte(c>>12), 0x80|byte(c>>6)&0x3f, 0x80|byte(c)&0x3f)
			continue
		}
		b = utf8.AppendRune(b, c)
	}
	return string(b)
}

// javaUTF8Bytes is String.getBytes(UTF_8): an unpaired surrogate becomes '?'.
func javaUTF8Bytes(cs []uint16) []byte {
	b := make([]byte, 0, len(cs))
	for i := 0; i < len(cs); i++ {
		c := rune(cs[i])
		if c >= 0xd800 && c < 0xdc00 && i+1 < len(cs) && cs[i+1] >= 0xdc00 && cs[i+1] <= 0xdfff {
			b = utf8.AppendRune(b, utf16.DecodeRune(c, rune(cs[i+1])))
			i++
			continue
		}
		if utf16.IsSurrogate(c) {
			b = append(b, '?')
			continue
		}
		b = utf8.AppendRune(b, c)
	}
	return b
}
