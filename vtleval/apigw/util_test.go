package apigw

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Table tests: one row per rule of apigw.md §2, with the Java result written out by hand
// (and confirmed by the recorded goldens below).

var escapeJavaScriptTests = []struct {
	spec, in, want string
}{
	{"§2.1 ' becomes \\' (the documented JSON-breaking case)", `it's`, `it\'s`},
	{"§2.1 \" becomes \\\"", `say "hi"`, `say \"hi\"`},
	{"§2.1 \\ becomes \\\\", `a\b`, `a\\b`},
	{"§2.1 / becomes \\/", `</script>`, `<\/script>`},
	{"§2.1 short control escapes", "\b\t\n\f\r", `\b\t\n\f\r`},
	{"§2.1 other controls are \\u00XX upper-case", "\x00\x0b\x1f", `\u0000\u000B\u001F`},
	{"§2.1 0x7F is copied", "\x7f", "\x7f"},
	{"§2.1 non-ASCII is \\uXXXX upper-case", "café €", `caf\u00E9 \u20AC`},
	{"§2.1 supplementary characters are two escapes", "😀", `\uD83D\uDE00`},
	{"§2.1 an unpaired surrogate (WTF-8) is escaped as itself", "\xed\xa0\x80", `\uD800`},
	{"§2.1 invalid UTF-8 reads as U+FFFD, as Java reads it", "a\xffb", `a\uFFFDb`},
	{"§2.1 empty", "", ""},
}

func TestEscapeJavaScript(t *testing.T) {
	for _, tt := range escapeJavaScriptTests {
		if got := EscapeJavaScript(tt.in); got != tt.want {
			t.Errorf("%s: EscapeJavaScript(%q) = %q, want %q", tt.spec, tt.in, got, tt.want)
		}
	}
}

var urlEncodeTests = []struct {
	spec, in, want string
}{
	{"§2.3 LocalStack's AWS recording", `{"some": "value"}`, `%7B%22some%22%3A+%22value%22%7D`},
	{"§2.3 space becomes +", "some raw data", "some+raw+data"},
	{"§2.3 . - * _ and alphanumerics are kept, ~ is not", "aZ09.-*_~", "aZ09.-*_%7E"},
	{"§1.2 empty body {} through urlEncode", "{}", "%7B%7D"},
	{"§2.3 UTF-8 bytes, upper-case hex", "é€😀", "%C3%A9%E2%82%AC%F0%9F%98%80"},
	{"§2.3 an unpaired surrogate becomes ? (%3F), as getBytes writes it", "a\xed\xa0\x80b", "a%3Fb"},
	{"§2.3 + is encoded", "a+b", "a%2Bb"},
}

func TestURLEncode(t *testing.T) {
	for _, tt := range urlEncodeTests {
		if got := URLEncode(tt.in); got != tt.want {
			t.Errorf("%s: URLEncode(%q) = %q, want %q", tt.spec, tt.in, got, tt.want)
		}
	}
}

const hexMsg = "java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - "

var urlDecodeTests = []struct {
	spec, in, want, err string
}{
	{"§2.3 + is a space, %XX a byte", "a+b%2Bc%20d", "a b+c d", ""},
	{"§2.3 runs of escapes are UTF-8", "%E2%82%AC%c3%a9", "€é", ""},
	{"§2.3 malformed UTF-8 becomes U+FFFD", "%E2%82x", "\ufffdx", ""},
	{"§2.3 an encoded surrogate is malformed: one U+FFFD", "%ED%A0%80", "\ufffd", ""},
	{"§2.3 non-hex after %", "%zz", "", hexMsg + `Error at index 0 in: "zz"`},
	{"§2.3 second character not hex", "%1G", "", hexMsg + `Error at index 1 in: "1G"`},
	{"§2.3 parseInt's sign: %-1 is negative", "%-1", "", hexMsg + "negative value"},
	{"§2.3 parseInt's sign: %+1 is byte 1", "%+1", "\x01", ""},
	{"§2.3 parseInt's sign: %-0 is byte 0", "%-0", "\x00", ""},
	{"§2.3 parseInt reads Unicode digits", "%\u0663\u0663", "3", ""},
	{"§2.3 % at the end", "a%", "", "java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern"},
	{"§2.3 %X at the end", "%41%4", "", "java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern"},
	{"§2.3 %% is read as an escape", "%%41", "", hexMsg + `Error at index 0 in: "%4"`},
	{"§2.3 characters other than + and % are copied", "é\xed\xa0\x80", "é\xed\xa0\x80", ""},
}

func TestURLDecode(t *testing.T) {
	for _, tt := range urlDecodeTests {
		got, err := URLDecode(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: URLDecode(%q) error = %v, want %q", tt.spec, tt.in, err, tt.err)
			}
			var je *JavaError
			if !errors.As(err, &je) || je.Class != "java.lang.IllegalArgumentException" {
				t.Errorf("%s: URLDecode(%q) error %T is not a *JavaError for IllegalArgumentException", tt.spec, tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: URLDecode(%q) = %q, %v, want %q", tt.spec, tt.in, got, err, tt.want)
		}
	}
}

const b64Err = "java.lang.IllegalArgumentException: "

var base64Tests = []struct {
	spec, in, want, err string
}{
	{"§2.4 standard alphabet with padding", "Zm9vYmE=", "fooba", ""},
	{"§2.4 padding is optional", "Zm9vYmE", "fooba", ""},
	{"§2.4 decoded bytes are UTF-8", "w6k=", "é", ""},
	{"§2.4 invalid UTF-8 becomes U+FFFD", "/w==", "\ufffd", ""},
	{"§2.4 empty", "", "", ""},
	{"§2.4 strict: no line breaks", "Zm9v\n", "", b64Err + "Illegal base64 character a"},
	{"§2.4 strict: no URL alphabet", "Zm-_", "", b64Err + "Illegal base64 character 2d"},
	{"§2.4 a non-ASCII character is a negative Java byte", "Zm9vé", "", b64Err + "Illegal base64 character -17"},
	{"§2.4 above U+00FF reads as ?", "Zm9v\u0100", "", b64Err + "Illegal base64 character 3f"},
	{"§2.4 one character", "Q", "", b64Err + "Input byte[] should at least have 2 bytes for base64 bytes"},
	{"§2.4 dangling character", "QUJDR", "", b64Err + "Last unit does not have enough valid bits"},
	{"§2.4 one = where two are needed", "Zg=", "", b64Err + "Input byte array has wrong 4-byte ending unit"},
	{"§2.4 data after padding", "Zg==Zg==", "", b64Err + "Input byte array has incorrect ending byte at 4"},
}

func TestBase64(t *testing.T) {
	for _, tt := range base64Tests {
		got, err := Base64Decode(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: Base64Decode(%q) error = %v, want %q", tt.spec, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: Base64Decode(%q) = %q, %v, want %q", tt.spec, tt.in, got, err, tt.want)
		}
	}
	for _, tt := range base64EncodeTests {
		if got := Base64Encode(tt.in); got != tt.want {
			t.Errorf("%s: Base64Encode(%q) = %q, want %q", tt.spec, tt.in, got, tt.want)
		}
	}
}

var base64EncodeTests = []struct {
	spec, in, want string
}{
	{"§2.4 standard alphabet, = padding", "fooba", "Zm9vYmE="},
	{"§2.4 UTF-8 bytes", "é", "w6k="},
	{"§2.4 no line breaks", strings.Repeat("x", 100), strings.Repeat("eHh4", 33) + "eA=="},
	{"§2.4 an unpaired surrogate is encoded as ?, as getBytes writes it", "a\xed\xa0\x80", "YT8="},
	{"§2.4 invalid UTF-8 input reads as U+FFFD", "\xff", "77+9"},
}

// TestUtilGoldens checks every result recorded from Java by
// tools/java/src/vtlutil/UtilGolden.java (re-record: testdata/util/record.sh).
func TestUtilGoldens(t *testing.T) {
	funcs := map[string]func(string) (string, error){
		"escapeJavaScript": func(s string) (string, error) { return EscapeJavaScript(s), nil },
		"urlEncode":        func(s string) (string, error) { return URLEncode(s), nil },
		"urlDecode":        URLDecode,
		"base64Encode":     func(s string) (string, error) { return Base64Encode(s), nil },
		"base64Decode":     Base64Decode,
		"utf8Decode": func(s string) (string, error) {
			got := JavaDecodeUTF8([]byte(s))
			if other := stringFromChars(decodeJavaUTF8([]byte(s), false)); other != got {
				return "", fmt.Errorf("JavaDecodeUTF8 = %q but decodeJavaUTF8 = %q", got, other)
			}
			return got, nil
		},
	}
	for fn, f := range funcs {
		t.Run(fn, func(t *testing.T) {
			path := filepath.Join("testdata", "util", fn+".jsonl.gz")
			recs := readJavaGoldens(t, path)
			if len(recs) < 500 {
				t.Fatalf("%s: only %d records", path, len(recs))
			}
			fails := 0
			for _, r := range recs {
				in, ok := r.fields["in"]
				if h, isHex := r.fields["inHex"]; isHex {
					in, ok = unhexGolden(t, r, h), true
					if fn != "utf8Decode" && hasWTF8Surrogate(in) {
						t.Errorf("%s:%d: inHex holds an encoded surrogate, which Go reads as WTF-8 and Java does not", path, r.line)
					}
				}
				if !ok || r.fields["fn"] != fn {
					t.Fatalf("%s:%d: bad record", path, r.line)
				}
				got, err := f(in)
				want, wantErr := r.fields["out"], r.fields["error"]
				switch {
				case wantErr != "" && (err == nil || err.Error() != wantErr):
					t.Errorf("%s:%d: %s(%q) = %q, %v; Java threw %s", path, r.line, fn, in, got, err, wantErr)
				case wantErr == "" && (err != nil || got != want):
					t.Errorf("%s:%d: %s(%q) = %q, %v; Java returned %q", path, r.line, fn, in, got, err, want)
				default:
					continue
				}
				if fails++; fails >= 10 {
					t.Fatalf("too many failures")
				}
			}
		})
	}
}

// TestJavaDigit16 shows that javaDigit16 accepts exactly the BMP characters Java's
// Character.digit(c, 16) accepts: the urlDecode goldens try "%3"+c for every c Java
// accepts (and its neighbours), so any c Go accepts must appear there with a result.
func TestJavaDigit16(t *testing.T) {
	javaOK := map[uint16]bool{}
	for _, r := range readJavaGoldens(t, filepath.Join("testdata", "util", "urlDecode.jsonl.gz")) {
		cs := javaChars(r.fields["in"])
		if len(cs) == 3 && cs[0] == '%' && cs[1] == '3' {
			javaOK[cs[2]] = r.fields["error"] == ""
		}
	}
	if len(javaOK) < 400 {
		t.Fatalf("only %d digit probes in the goldens", len(javaOK))
	}
	for c := 0; c <= 0xffff; c++ {
		if javaDigit16(uint16(c)) >= 0 && !javaOK[uint16(c)] {
			t.Errorf("javaDigit16(U+%04X) = %d, but Java's Character.digit rejects it (or it was not recorded)", c, javaDigit16(uint16(c)))
		}
	}
}

type javaGolden struct {
	line   int
	fields map[string]string
	bools  map[string]bool
}

func readJavaGoldens(t *testing.T, path string) []javaGolden {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sc *bufio.Scanner
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		sc = bufio.NewScanner(zr)
	} else {
		sc = bufio.NewScanner(f)
	}
	sc.Buffer(nil, 16<<20)
	var out []javaGolden
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" {
			continue
		}
		fields, bools, err := parseGoldenJSON(sc.Text())
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, javaGolden{n, fields, bools})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// parseGoldenJSON reads one object whose values are strings, numbers (kept as text),
// booleans or null. Unlike
// encoding/json, it keeps an unpaired \uD800 escape as that surrogate (WTF-8), which the
// goldens need.
func parseGoldenJSON(s string) (map[string]string, map[string]bool, error) {
	fields, bools := map[string]string{}, map[string]bool{}
	i := 0
	skip := func() {
		for i < len(s) && strings.IndexByte(" \t\r\n", s[i]) >= 0 {
			i++
		}
	}
	expect := func(c byte) error {
		skip()
		if i >= len(s) || s[i] != c {
			return fmt.Errorf("offset %d: want %q", i, c)
		}
		i++
		return nil
	}
	str := func() (string, error) {
		if err := expect('"'); err != nil {
			return "", err
		}
		var cs []uint16
		for {
			if i >= len(s) {
				return "", fmt.Errorf("unterminated string")
			}
			c := s[i]
			i++
			switch {
			case c == '"':
				return stringFromChars(cs), nil
			case c == '\\':
				if i >= len(s) {
					return "", fmt.Errorf("unterminated escape")
				}
				e := s[i]
				i++
				switch e {
				case 'u':
					if i+4 > len(s) {
						return "", fmt.Errorf("short \\u escape")
					}
					v, err := strconv.ParseUint(s[i:i+4], 16, 16)
					if err != nil {
						return "", fmt.Errorf("offset %d: %v", i, err)
					}
					cs = append(cs, uint16(v))
					i += 4
				case 'n':
					cs = append(cs, '\n')
				case 't':
					cs = append(cs, '\t')
				case 'r':
					cs = append(cs, '\r')
				case 'b':
					cs = append(cs, '\b')
				case 'f':
					cs = append(cs, '\f')
				case '"', '\\', '/':
					cs = append(cs, uint16(e))
				default:
					return "", fmt.Errorf("offset %d: bad escape", i)
				}
			case c < 0x80:
				cs = append(cs, uint16(c))
			default: // raw non-ASCII text (the recorders write ASCII, but accept it)
				j := i
				for j < len(s) && s[j] >= 0x80 {
					j++
				}
				cs = append(cs, javaChars(s[i-1:j])...)
				i = j
			}
		}
	}
	if err := expect('{'); err != nil {
		return nil, nil, err
	}
	skip()
	if i < len(s) && s[i] == '}' {
		return fields, bools, nil
	}
	for {
		k, err := str()
		if err != nil {
			return nil, nil, err
		}
		if err := expect(':'); err != nil {
			return nil, nil, err
		}
		skip()
		switch {
		case strings.HasPrefix(s[i:], "true"):
			bools[k] = true
			i += 4
		case strings.HasPrefix(s[i:], "false"):
			bools[k] = false
			i += 5
		case strings.HasPrefix(s[i:], "null"):
			i += 4
		case i < len(s) && (s[i] == '-' || '0' <= s[i] && s[i] <= '9'):
			j := i
			for j < len(s) && strings.IndexByte("+-0123456789.eE", s[j]) >= 0 {
				j++
			}
			fields[k] = s[i:j]
			i = j
		default:
			v, err := str()
			if err != nil {
				return nil, nil, err
			}
			fields[k] = v
		}
		skip()
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if err := expect('}'); err != nil {
			return nil, nil, err
		}
		return fields, bools, nil
	}
}

func unhexGolden(t *testing.T, r javaGolden, h string) string {
	t.Helper()
	b := make([]byte, len(h)/2)
	for i := range b {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			t.Fatalf("line %d: bad inHex: %v", r.line, err)
		}
		b[i] = byte(v)
	}
	return string(b)
}

func hasWTF8Surrogate(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xed && s[i+1] >= 0xa0 && s[i+1] <= 0xbf {
			return true
		}
	}
	return false
}
