package vtleval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
)

// DecodeJSON converts JSON text into a value typed the way Jackson's untyped
// binding types it for Velocity: objects become insertion-ordered maps, arrays
// lists, integers Integer (Long, then BigInteger, when larger), other numbers
// Double, null nil.
func DecodeJSON(data []byte) (Value, error) {
	return decodeJSON(data, false)
}

// DecodeJSONArrays is DecodeJSON with arrays as JSON-printing lists, the way
// json-smart (API Gateway's JSON library) builds them.
func DecodeJSONArrays(data []byte) (Value, error) {
	return decodeJSON(data, true)
}

func decodeJSON(data []byte, jsonLists bool) (Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, jsonLists)
	if err != nil {
		return nil, jsonError(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, jsonError(data, dec, fmt.Errorf("unexpected data after the JSON value"))
	}
	return v, nil
}

// jsonError adds a line:col to a JSON syntax error.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	if se, ok := err.(*json.SyntaxError); ok {
		off = se.Offset
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		msg = "unexpected end of JSON input"
	}
	return fmt.Errorf("%d:%d: invalid JSON: %s", line, col, msg)
}

func decodeValue(dec *json.Decoder, jsonLists bool) (Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := NewMap()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec, jsonLists)
				if err != nil {
					return nil, err
				}
				m.Put(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return m, nil
		case '[':
			l := &List{JSON: jsonLists, Items: []Value{}}
			for dec.More() {
				v, err := decodeValue(dec, jsonLists)
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return l, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		return NumberFromJSON(string(t)), nil
	case string, bool, nil:
		return t, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// NumberFromJSON types a JSON number: Integer, Long or BigInteger for
// integers, Double otherwise.
func NumberFromJSON(s string) Value {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			if i >= -1<<31 && i < 1<<31 {
				return int32(i)
			}
			return i
		}
		b, ok := new(big.Int).SetString(s, 10)
		if ok {
			return b
		}
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// Vars holds the variables of a render, by name.
type Vars map[string]Value

// VarsFromJSON makes variables from the keys of a JSON object. A top-level
// null is left out, so the variable is undefined.
func VarsFromJSON(data []byte) (Vars, error) {
	vars := Vars{}
	if len(bytes.TrimSpace(data)) == 0 {
		return vars, nil
	}
	v, err := DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*Map)
	if !ok {
		return nil, fmt.Errorf("the context must be a JSON object")
	}
	m.Entries(func(k, v Value) {
		if v != nil {
			vars[k.(string)] = v
		}
	})
	return vars, nil
}
