package main

import (
	"fmt"
	"strings"
)

// exprs builds a template that sets $r1..$rN to the given expressions and prints each on
// its own line. A null result (math on a non-number, division by zero) leaves $rN unset,
// so the line shows the reference's source text "$rN".
func exprs(es ...string) string {
	var b strings.Builder
	for i, e := range es {
		fmt.Fprintf(&b, "#set($r%d = %s)$r%d\n", i+1, e, i+1)
	}
	return b.String()
}

func init() {
	a := newArchive("numbers.txtar", `
Numbers: Integer/Long/BigInteger arithmetic computed in long with overflow promotion,
Double arithmetic and Java's Double.toString formats (1.0E7, 1.0E-4, -0.0, Infinity, NaN),
integer division and modulo (truncation, sign of the dividend), division or modulo by zero
giving null, BigInteger mixed with Double going through BigDecimal, "+" with a String
concatenating, and how JSON numbers are typed. Each "#set($rN = EXPR)$rN" line prints the
value, or "$rN" when the expression was null and the #set was skipped.`)

	// Integer arithmetic.
	a.add("int-add-sub", exprs("1 + 2", "7 - 10", "0 - 0", "-3 + -4", "5 - -5"))
	a.add("int-mul", exprs("6 * 7", "-6 * 7", "0 * -5", "46341 * 46341"))
	a.add("int-div-truncates", exprs("7 / 2", "-7 / 2", "7 / -2", "-7 / -2", "1 / 3", "6 / 3"))
	a.add("int-mod-sign-of-dividend", exprs("7 % 3", "-7 % 3", "7 % -3", "-7 % -3", "6 % 3", "0 % 5"))
	a.add("int-precedence", exprs("1 + 2 * 3", "(1 + 2) * 3", "10 - 2 - 3", "100 / 10 / 5", "2 * 3 % 4", "7 - 2 * 3 + 1", "((2))"))
	a.add("int-minus-literal-needs-space", exprs("5 - -5", "-5 - 5", "-5 + 5", "1 - 1"))
	a.add("int-overflow-to-long", exprs("2147483647 + 1", "-2147483648 - 1", "65536 * 65536", "2147483647 * 2147483647", "-2147483648 / -1", "2147483647 - -1"))
	a.add("long-overflow-to-biginteger", exprs("9223372036854775807 + 1", "-9223372036854775808 - 1", "9223372036854775807 * 2", "3037000500 * 3037000500", "-9223372036854775808 * -1", "9223372036854775807 - -1"))
	a.add("long-literals", exprs("2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808", "2147483648 - 1", "4294967296 / 2"))
	a.add("long-div-mod", exprs("9223372036854775807 / 2", "-9223372036854775808 / 3", "9223372036854775807 % 10", "-9223372036854775807 % 10", "-9223372036854775808 / -1"))
	a.add("biginteger-literals", exprs("99999999999999999999", "-99999999999999999999", "99999999999999999999 + 1", "99999999999999999999 - 99999999999999999999"))
	a.add("biginteger-mul-div", exprs("99999999999999999999 * 99999999999999999999", "99999999999999999999 / 7", "-99999999999999999999 / 7", "99999999999999999999 / 99999999999999999999"))
	a.add("biginteger-mod-is-nonnegative", exprs("99999999999999999999 % 7", "-99999999999999999999 % 7", "-7 % 3"))
	a.add("biginteger-mod-negative-divisor-throws", exprs("99999999999999999999 % -7"))
	a.add("biginteger-with-int", exprs("99999999999999999999 + 1", "1 + 99999999999999999999", "99999999999999999999 * 0", "0 - 99999999999999999999"))

	// Double arithmetic and printing.
	a.add("double-add", exprs("0.1 + 0.2", "1.1 + 2.2", "1.5 + 1.5", "0.5 + 1", "1 + 0.5", "-1.5 + 1.5"))
	a.add("double-sub-mul", exprs("1.0 - 1.0", "2.5 - 3", "1.5 * 2", "0.1 * 3", "100 * 1.1", "3 * 0.1"))
	a.add("double-div", exprs("7 / 2.0", "7.0 / 2", "1 / 3.0", "2.0 / 3", "1.0 / 8", "10.0 / 4"))
	a.add("double-mod", exprs("7 % 2.5", "-7 % 2.5", "7.5 % 2", "5.5 % -2", "0.3 % 0.1"))
	a.add("double-print-plain-range", exprs("1.0", "100.0", "0.001", "0.5", "9999999.0", "123456.789", "3.14159"))
	a.add("double-print-exponent-large", exprs("10000000.0", "12345678.9", "1e7", "1e20", "1.0E21", "123456789.0", "1e100"))
	a.add("double-print-exponent-small", exprs("0.0001", "1e-4", "0.00012345", "1e-10", "5e-324", "0.000999"))
	a.add("double-literal-forms", exprs("4.5e3", "1e5", "1E5", "2.5E-3", "-1.5", "-0.5e1", "1.50", "007.5"))
	a.add("double-negative-zero", exprs("-0.0", "0.0 * -1", "-0.0 + 0.0", "-0.0 * -1", "0 * -1.0"))
	a.add("double-max-min", exprs("1.7976931348623157E308", "4.9E-324", "2.2250738585072014E-308", "1.0E308 * 10", "-1.0E308 * 10"))
	a.add("double-infinity-nan", "#set($inf = 1.0E308 * 10)#set($ninf = -1.0E308 * 10)#set($nan = $inf - $inf)\n$inf $ninf $nan\n"+
		exprs("$inf + 1", "$inf * -1", "$inf / 2", "$nan + 1", "1 / $inf", "$inf % 2"))
	a.add("double-infinity-compare", "#set($inf = 1.0E308 * 10)#set($nan = $inf - $inf)\n"+
		exprs("$inf > 1", "$inf == $inf", "$nan == $nan", "$nan > 1", "$nan < 1", "$nan != $nan", "$nan == 0"))
	a.add("double-rounding-accumulates", "#set($s = 0.0)#foreach($i in [1..10])#set($s = $s + 0.1)#end$s")
	a.add("double-integral-values-keep-point", exprs("2.0 * 3", "6 / 2.0", "1.0 + 1", "1e0", "10 * 1.0"))

	// Division and modulo by zero.
	a.add("div-by-zero-is-null", exprs("1 / 0", "0 / 0", "-5 / 0", "1 % 0", "2147483648 / 0", "99999999999999999999 / 0"))
	a.add("div-by-zero-double-is-null", exprs("1.0 / 0", "1 / 0.0", "0.0 / 0.0", "1.5 % 0.0", "1 % 0.0", "-1.0 / -0.0"))
	a.add("div-by-zero-keeps-old-value", "#set($b = 5)#set($b = 1 / 0)$b\n#set($c = 2.5)#set($c = $c % 0)$c")
	a.add("div-by-zero-in-condition", "#if(1 / 0 == $null)null#{else}not null#end|#if(1 / 0)t#{else}f#end")

	// Mixed types and the BigDecimal path.
	a.addj("mixed-int-long", exprs("$i + $l", "$l - $i", "$l * $i", "$l / $i", "$l % $i", "$i - $l"), `{"i":7,"l":3000000000}`)
	a.addj("mixed-long-double", exprs("$l + $d", "$l * $d", "$l / $d", "$d - $l"), `{"l":3000000000,"d":0.5}`)
	a.addj("mixed-int-double", exprs("$i + $d", "$i * $d", "$i / $d", "$i % $d", "$d / $i"), `{"i":7,"d":2.0}`)
	a.addj("mixed-biginteger-long", exprs("$b + $l", "$b - $l", "$b / $l", "$b % $l", "$l - $b"), `{"b":100000000000000000000,"l":3000000000}`)
	a.addj("biginteger-plus-double-is-bigdecimal", exprs("$b + 1.5", "$b * 0.5", "$b - 0.25", "1.5 + $b"), `{"b":100000000000000000000}`)
	a.addj("biginteger-plus-inexact-double", exprs("$b + 0.1", "$b * 0.1"), `{"b":100000000000000000000}`)
	a.addj("biginteger-div-double-rounds", exprs("$b / 3.0", "$b / 0.5", "$b / 2.5", "$b / 4.0"), `{"b":100000000000000000001}`)
	a.addj("biginteger-mod-double-throws", "#set($r = $b % 1.5)$r", `{"b":100000000000000000000}`)
	a.addj("biginteger-compare-double", exprs("$b > 1.5", "$b == 100000000000000000000", "$b < 1.0E21", "$b == 1.0E20"), `{"b":100000000000000000000}`)

	// Strings and other non-numbers.
	a.add("plus-with-string-concatenates", exprs("'a' + 1", "1 + 'a'", "'a' + 1.5", "'a' + true", "'' + 5", "'5' + 5", "'1' + '2'"))
	a.add("plus-string-with-null-uses-literal", exprs("'a' + $undef", "$undef + 'a'", "'a' + $undef.x", "\"b\" + $nope"))
	a.add("plus-string-with-list-and-map", exprs("'x' + [1, 2]", "[1, 2] + 'x'", "'m' + {'k': 1}", "'r' + [1..3]"))
	a.add("math-on-non-numbers-is-null", exprs("1 + true", "[1] + [2]", "'a' - 1", "'a' * 2", "'6' / 2", "true % 2", "{} + 1"))
	a.add("math-with-undefined-is-null", exprs("$undef + 1", "1 - $undef", "$undef * $undef", "2 / $undef", "$undef % 2"))
	a.addj("math-with-string-numbers", exprs("$s + 1", "$s - 1", "$s * 2", "$s + $s"), `{"s":"5"}`)

	// JSON typing.
	a.addj("json-integers", "$a $b $c $d $e $f", `{"a":1,"b":-1,"c":2147483647,"d":-2147483648,"e":0,"f":-0}`)
	a.addj("json-longs", "$a $b $c $d", `{"a":2147483648,"b":-2147483649,"c":9223372036854775807,"d":-9223372036854775808}`)
	a.addj("json-bigintegers", "$a $b $c", `{"a":9223372036854775808,"b":-9223372036854775809,"c":123456789012345678901234567890}`)
	a.addj("json-doubles", "$a $b $c $d $e $f $g", `{"a":1.0,"b":1.10,"c":1e2,"d":12345678.9,"e":0.00001,"f":-0.0,"g":2.5E-3}`)
	a.addj("json-doubles-more", "$a $b $c $d $e", `{"a":0.1,"b":1E+2,"c":100.0,"d":1e-3,"e":9007199254740993.0}`)
	a.addj("json-number-types-in-math", exprs("$i + 1", "$d + 1", "$l + 1", "$b + 1", "$i + $d"), `{"i":1,"d":1.0,"l":4294967296,"b":18446744073709551616}`)
	a.addj("json-double-times-int", exprs("$d * 2", "$d / 2", "$d - 1"), `{"d":1.0}`)
	a.addj("json-numbers-in-list-and-map", "$l\n$m", `{"l":[1,2.0,3000000000,1e1,-0.0],"m":{"x":1.5,"y":10000000.0}}`)
	a.addj("json-exponent-integers-are-doubles", "$a $b $c", `{"a":1e0,"b":2E1,"c":-3e2}`)

	// Counters and accumulation, as templates use them.
	a.add("counter-in-loop", "#set($c = 0)#foreach($i in [1..5])#set($c = $c + $i)#end$c")
	a.add("counter-decrement", "#set($c = 10)#foreach($i in [1..3])#set($c = $c - 1)#end$c")
	a.add("running-product", "#set($p = 1)#foreach($i in [1..20])#set($p = $p * $i)#end$p")
	a.add("running-product-overflows-to-biginteger", "#set($p = 1)#foreach($i in [1..25])#set($p = $p * $i)#end$p")
	a.addj("average", "#set($sum = 0)#foreach($x in $xs)#set($sum = $sum + $x)#end#set($avg = $sum / $xs.size())$sum $avg", `{"xs":[1,2,4]}`)
	a.addj("average-double", "#set($sum = 0.0)#foreach($x in $xs)#set($sum = $sum + $x)#end#set($avg = $sum / $xs.size())$sum $avg", `{"xs":[1,2,4]}`)
	a.addj("price-total", "#set($total = 0)#foreach($it in $items)#set($total = $total + $it.price * $it.qty)#end$total", `{"items":[{"price":9.99,"qty":2},{"price":0.5,"qty":3}]}`)
	a.add("number-in-string-interpolation", "#set($n = 3)#set($d = 2.50)#set($s = \"n=$n d=$d sum=${n}\")$s")
	a.add("number-is-truthy", "#set($z = 0)#if($z)zero-true#end #set($f = 0.0)#if($f)float-true#end")
}
