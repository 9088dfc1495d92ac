package main

func init() {
	a := newArchive("methods-number.txtar", `
Methods of java.lang.Integer, Long, Double, BigInteger and Boolean called from templates,
including static methods reached through an instance (the "$n.parseInt('42')" idiom), which
overloads apply to which argument types, and NumberFormatException aborting the render.`)

	a.addj("integer-value-methods", lines("$i.toString()", "$i.intValue()", "$i.longValue()", "$i.doubleValue()", "$i.floatValue()", "$i.hashCode()"), `{"i":5}`)
	a.addj("integer-compare-equals", lines("$i.compareTo(3)", "$i.compareTo(5)", "$i.compareTo(9)", "$i.equals(5)", "$i.equals(5.0)", "$i.equals('5')"), `{"i":5}`)
	// Integer.compareTo(Object), the bridge method, accepts a Double and fails the cast.
	a.addj("integer-compareto-double-throws", "$i.compareTo(3.0)", `{"i":5}`)
	a.addj("integer-tostring-length", "$i.toString().length() $n.toString().substring(1)", `{"i":12345,"n":-42}`)
	a.addj("parseint-idiom", lines("$i.parseInt('42')", "$i.parseInt('-7')", "$i.valueOf('8')", "$i.parseInt('ff', 16)", "$i.toHexString(255)", "$i.toString(255, 2)"), `{"i":0}`)
	a.addj("parseint-then-math", "#set($n = $i.parseInt($s))#set($m = $n + 1)$m", `{"i":0,"s":"41"}`)
	a.addj("parseint-bad-input-throws", "$i.parseInt('4x')", `{"i":0}`)
	a.addj("parseint-blank-throws", "$i.parseInt(' 4')", `{"i":0}`)
	a.addj("parseint-null-throws", "$i.parseInt($undef)", `{"i":0}`)
	a.addj("integer-static-helpers", lines("$i.max(3, 9)", "$i.min(3, 9)", "$i.sum(3, 9)", "$i.signum(-5)", "$i.abs(-5)"), `{"i":0}`)
	a.addj("long-methods", lines("$l.intValue()", "$l.longValue()", "$l.doubleValue()", "$l.toString()", "$l.compareTo($l)"), `{"l":3000000000}`)
	a.addj("double-methods", lines("$d.intValue()", "$d.longValue()", "$d.doubleValue()", "$d.toString()", "$d.isNaN()", "$d.isInfinite()", "$d.compareTo(1.5)"), `{"d":2.7}`)
	a.addj("double-negative-truncation", lines("$d.intValue()", "$d.longValue()", "$d.floatValue()"), `{"d":-2.7}`)
	a.addj("double-parse-idiom", lines("$d.parseDouble('1.5')", "$d.valueOf('2')", "$d.parseDouble('1e3')"), `{"d":0.0}`)
	a.addj("double-parse-bad-throws", "$d.parseDouble('x')", `{"d":0.0}`)
	a.addj("double-nan-infinity-methods", "#set($inf = 1.0E308 * 10)#set($nan = $inf - $inf)$inf.isInfinite() $nan.isNaN() $nan.isInfinite() $inf.intValue() $nan.intValue() $inf.longValue()", `{}`)
	a.addj("biginteger-methods", lines("$b.toString()", "$b.signum()", "$b.negate()", "$b.bitLength()", "$b.add($b)", "$b.toString(16)", "$b.pow(2)"), `{"b":100000000000000000000}`)
	a.addj("boolean-methods", lines("$t.booleanValue()", "$t.toString()", "$t.equals(true)", "$t.equals('true')", "$t.compareTo(false)", "$t.parseBoolean('TRUE')", "$t.parseBoolean('yes')"), `{"t":true}`)
	a.addj("number-from-arithmetic-keeps-methods", "#set($x = 2 + 3)$x.doubleValue() #set($y = 2147483647 + 1)$y.intValue() #set($z = 1.5 * 2)$z.intValue()", `{}`)
	a.addj("number-as-method-argument-types", lines("$s.substring($i)", "$s.substring($d)", "$s.substring($l)", "$s.charAt($i)"), `{"s":"abcdef","i":2,"d":2.0,"l":4294967298}`)
	a.addj("number-unknown-methods-keep-text", lines("$i.foo()", "$i.length()", "$d.round()", "$i.value"), `{"i":1,"d":1.5}`)
	a.addj("numbers-in-list-methods", lines("$l.indexOf(2)", "$l.contains(2.0)", "$l.indexOf(3000000000)", "$l.contains($big)"), `{"l":[1,2,3000000000],"big":3000000000}`)
}
