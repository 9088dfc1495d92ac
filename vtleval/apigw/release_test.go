package apigw

import (
	"math/rand"
	"strings"
	"sync"
	"testing"
)

// Env.Release gives the parsed body's blocks to the next environment. The
// renders of a sequence of random bodies, each environment released before
// the next parses (so every parse reuses blocks another left, of other
// sizes), must print what renders without Release print, on several
// goroutines at once; and $input fails after Release instead of reading
// cleared values.
func TestEnvRelease(t *testing.T) {
	const src = `#set($d = $input.path('$'))$input.json('$')|#if($d.entrySet())#foreach($e in $d.entrySet())$e.key=$e.value;#set($x = $e.value)#end#end` +
		`|$d|#set($m = $input.path('$'))#if($m.put)$m.put("z", [1, "two", 3.5])$input.json('$')#end`
	tmpl, err := Parse("t.vm", src)
	if err != nil {
		t.Fatal(err)
	}
	render := func(body string, release bool) string {
		env := NewRequestEnv(&Request{Body: body})
		s, err := Render(tmpl, env)
		if release {
			env.Release()
		}
		if err != nil {
			return "error: " + err.Error()
		}
		return s
	}
	r := rand.New(rand.NewSource(11))
	var bodies []string
	for range 400 {
		b := randomBody(r, 0)
		if r.Intn(4) == 0 {
			b = "{" + strings.Repeat(`"k":[1,{"a":"x"}],`, r.Intn(60)) + `"end":1}`
		}
		bodies = append(bodies, b)
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		want[i] = render(b, false)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range bodies {
				j := (i*7 + g*13) % len(bodies)
				if got := render(bodies[j], true); got != want[j] {
					t.Errorf("body %q: with Release\n got %q\nwant %q", bodies[j], got, want[j])
					return
				}
			}
		}()
	}
	wg.Wait()

	env := NewRequestEnv(&Request{Body: `{"a":1}`})
	if s, err := Render(tmpl, env); err != nil || !strings.HasPrefix(s, `{"a":1}|a=1;`) {
		t.Fatalf("render before Release: %q, %v", s, err)
	}
	env.Release()
	if _, err := env.Input.doc(); err != errReleased {
		t.Errorf("$input after Release: got %v, want %v", err, errReleased)
	}
}
