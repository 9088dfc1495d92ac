// Package vtleval is a Velocity Template Language engine that renders
// templates the way Apache Velocity 1.7 does in its default configuration,
// which is the engine behind Amazon API Gateway mapping templates. The
// package apigw adds API Gateway's $input, $util and $context on top.
//
//	t, err := vtleval.Parse("request.vtl", src) // errors read "request.vtl:3:14: ..."
//	out, err := t.Render(vtleval.Vars{"name": "World"}, nil)
//
// A [Template] is immutable once parsed; any number of goroutines may
// render it at once. Each render has its own state; values passed in
// [Vars] are shared with the caller, and templates may change them (#set
// into a map, $list.add), as Velocity does. A host that would build the
// same variables for every render can give them through a [VarSource]
// instead ([Template.RenderFrom]): the render asks it only for the names
// the template uses.
//
// # Language
//
// The whole of VTL 1.7: the scanner is a port of Velocity's JavaCC token
// manager (lexical states, the state stack, longest match, MORE and SPECIAL
// tokens) and the parser follows the productions of Parser.jjt, so text,
// whitespace and escapes come out byte for byte as Velocity prints them.
//
//   - References: $a, $!a, ${a}, $!{a}, properties ($a.b: getB(), then
//     Map.get, then isB()), methods ($a.b(1, 'x')), indexes ($a[0], $a['k'],
//     $a[-1] counting from the end through size()); an undefined reference
//     prints as written ($!a prints nothing); \$a prints $a when $a is
//     defined and \$a when not.
//   - #set($a = expr) (a null right-hand side leaves the target unchanged),
//     #if/#elseif/#else/#end, #foreach with $velocityCount,
//     $velocityHasNext and the $foreach scope (index, count, hasNext, first,
//     last, parent, topmost), #break, #break($foreach...), #stop.
//   - #macro with arguments passed by name (each use of a parameter
//     re-evaluates the caller's expression, and lookups fall through to the
//     caller's macro frames), block macros #@name(...)...#end with
//     $bodyContent, one engine-wide namespace where the first definition
//     wins (see [Macros]), #define, #evaluate, #literal, #parse and
//     #include (through [Config].Resources).
//   - Comments (## and #* *#), unparsed blocks #[[ ]]#, {}-bracketed
//     directives (#{if}), escaped directives (\#if), interpolated
//     double-quoted strings, single-quoted strings, list, map and range
//     literals, arithmetic, comparisons and logic (&& || ! and the word forms
//     and, or, not, eq, ne, lt, le, gt, ge).
//   - Arithmetic follows Velocity's MathUtils: Integer, Long and BigInteger
//     with overflow to the next size, Double and Float, and BigDecimal when
//     a BigInteger meets a Double; division by zero is null.
//   - The checks Velocity makes when it initialises a template are made by
//     [Parse]: #evaluate takes one string or reference, #define one
//     argument, numbers must be numbers, and so on; they apply to untaken
//     #if branches too.
//
// # Values
//
// A [Value] is a Go value standing for the Java object Velocity would
// hold:
//
//	nil          null
//	string       java.lang.String
//	int32        java.lang.Integer
//	int64        java.lang.Long
//	*big.Int     java.math.BigInteger
//	float64      java.lang.Double
//	float32      java.lang.Float
//	*BigDecimal  java.math.BigDecimal
//	bool         java.lang.Boolean
//	*Map         java.util.LinkedHashMap (Hash: java.util.HashMap order)
//	*List        java.util.ArrayList (JSON: a json-smart JSONArray; Array: a Java array)
//	*Entry       a Map.Entry of entrySet()
//	Object       a host object (the apigw package's $input, $util, ...)
//
// [VarsFromJSON] and [DecodeJSON] type JSON as Jackson's untyped binding
// does: integers as Integer, then Long, then BigInteger; other numbers as
// Double; objects as insertion-ordered maps.
//
// Methods are the public Java methods of those classes (JDK 17), static
// ones included, chosen as Velocity's introspector chooses them: by name,
// among the methods whose parameters accept the arguments, the most
// specific one. Two quirks of Velocity 1.7 are kept: a method without
// parameters accepts any arguments and then fails with "wrong number of
// arguments", and a call on a Class object ($x.class.valueOf(1)) reaches the
// static methods of that class. A call no method accepts (or an ambiguous
// one) yields null; an exception thrown by the Java method fails the
// render with an [EvalError].
//
// Numbers print as Java prints them: Double.toString and Float.toString are
// those of JDK 17 (FloatingDecimal), BigDecimal.toString uses scientific
// notation where Java does.
//
// # Configuration
//
// The zero [Config] is Velocity 1.7's default configuration. Its fields:
//
//   - MaxLoops: directive.foreach.maxloops; a #foreach stops silently after
//     that many iterations.
//   - MaxDepth: velocimacro.max.depth (default 20); a deeper macro call
//     fails the render.
//   - MaxOutput: the largest output, and the largest string value, in bytes.
//   - MaxSteps: the most statements and loop iterations a render may run
//     (Velocity has no such bound; it keeps a runaway template from
//     running for hours).
//   - Macros: a macro namespace shared by several renders, like Velocity's
//     velocimacro manager (macros defined by one template are visible to
//     later ones); nil gives each render its own.
//   - Resources: the loader of #parse and #include; nil makes both fail
//     (API Gateway has no resources either).
//   - NullAsEmpty, InvalidAsEmpty, Reject: the API Gateway layer's
//     null handling and directive policy.
//
// Other Velocity settings (strict modes, scope control, macro permissions
// and libraries, event handlers) are fixed at their defaults.
//
// # Differences from Apache Velocity 1.7
//
// Measured against Velocity 1.7 (Debian's 1.7-6 on OpenJDK 17): its own
// test suite (testdata/velocity17: every default-configuration case
// passes), golden tests recorded from it (testdata/golden) and random
// differential testing (tools/difftest: over 99.95% of random templates
// render identically, and every difference left is one of the first and
// the fifth items below). Known differences:
//
//   - Identity hash codes. Java prints an array as its class and identity
//     hash ("[Ljava.lang.String;@1b6d3586", from String.split or
//     toCharArray), and arrays and Class objects have identity hashCode()s;
//     no two JVM runs agree on them and neither does this engine, which
//     uses a hash of the contents.
//   - JDK version. Numbers print as JDK 17 prints them, including its
//     not-always-shortest Double.toString (2^60 prints as
//     1.15292150460684698E18); JDK 19 and later print the shortest form.
//     The methods available are JDK 17's. Which JDK API Gateway runs is not
//     known.
//   - Java classes. Only the classes of the value model exist:
//     byteValue() and shortValue() give an Integer, and the methods that
//     take or return other Java types (lambdas, streams, Locale, Charset,
//     String.format, formatted) are missing, so calling them yields null as
//     an unknown method does.
//   - Map views. keySet(), values() and entrySet() return a snapshot that
//     behaves like Java's view (no get or index, fail-fast iteration,
//     remove and clear reach the map), but it does not see later changes
//     to the map.
//   - Regular expressions (matches, replaceAll, replaceFirst, split) use
//     java.util.regex syntax translated for regexp2; rare constructs may
//     be accepted or rejected differently, and a match running longer than
//     2 seconds fails instead of running on.
//   - Resource limits replace the JVM's: a range [n..m] of more than ten
//     million elements can be iterated by #foreach but not built as a list,
//     a list or map of more than 16,777,216 elements and a string of more
//     than 64 MiB fail the render (Velocity would need the heap for them),
//     and #evaluate nests at most 200 deep (Velocity ends in a
//     StackOverflowError).
//   - Errors. A template that fails in Velocity fails here, but the
//     messages differ (they name the template, line and column, and the
//     Java exception where there is one) and output written before the
//     error is not meant to match. Velocity's log messages are not
//     produced.
//   - Concurrency. Velocity's engine-wide state is limited here to the
//     macro namespace ([Config].Macros); everything else is per render.
package vtleval
