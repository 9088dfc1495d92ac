package syntax

import (
	"reflect"
	"testing"
)

// Slices of the tree are cut from shared blocks (arena): they must have no
// spare capacity, or an append by a user of the tree would overwrite the
// next slice.
func TestTreeSlicesHaveNoSpareCapacity(t *testing.T) {
	src := `#foreach($x in [1, 2])$a.b($c, "$d.e(1, 2)")[0] #if($x > 1)y#elseif($x)z#else w#end#end
#macro(m $p $q)$p.q()#end#m(1 2) #set($m = {"k": $v.w("x")}) #@m(1 2)body#end`
	f, err := Parse("t.vm", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	var check func(v reflect.Value)
	check = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				check(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				check(v.Field(i))
			}
		case reflect.Slice:
			if v.Cap() != v.Len() {
				t.Errorf("a %s has length %d but capacity %d", v.Type(), v.Len(), v.Cap())
			}
			checked++
			for i := range v.Len() {
				check(v.Index(i))
			}
		}
	}
	check(reflect.ValueOf(f.Nodes))
	if checked < 20 {
		t.Errorf("checked only %d slices", checked)
	}
	// appending to one slice leaves the others alone
	var refs []*Ref
	Inspect(f.Nodes, func(n any) bool {
		if r, ok := n.(*Ref); ok && len(r.Parts) > 0 {
			refs = append(refs, r)
		}
		return true
	})
	before := refs[1].Parts[0].Name
	_ = append(refs[0].Parts, RefPart{Name: "zzz"})
	if refs[1].Parts[0].Name != before {
		t.Errorf("append changed another reference's parts")
	}
}
