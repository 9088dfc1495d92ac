package vtlnum;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Prints how this JDK's Double.toString writes a deterministic set of doubles, one
 * "hexbits<TAB>text" line each: the golden for vtleval.FormatDouble (how Velocity prints
 * every Double). The set: special values, powers of ten and their neighbours around the
 * 1e-3 / 1e7 switch to E notation, subnormals, short decimals (what JSON bodies hold), and
 * random bit patterns. Usage: java vtlnum.DoubleGolden > doubles.tsv
 */
public final class DoubleGolden {
  public static void main(String[] args) throws Exception {
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    Random r = new Random(1);
    long[] specials = {
      Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0),
      Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
      Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(Double.MIN_VALUE),
      Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(Double.MIN_NORMAL),
    };
    for (long b : specials) write(out, b);
    for (int e = -325; e <= 309; e++) {
      double d = Double.parseDouble("1e" + e);
      long b = Double.doubleToRawLongBits(d);
      write(out, b);
      write(out, b + 1);
      write(out, b - 1);
    }
    for (int i = 0; i < 4000; i++) { // short decimals, as JSON bodies and templates write them
      int digits = 1 + r.nextInt(17);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < digits; k++) sb.append((char) ('0' + r.nextInt(10)));
      int point = r.nextInt(digits + 1);
      String s = sb.substring(0, point) + "." + sb.substring(point) + "e" + (r.nextInt(40) - 20);
      if (s.startsWith(".")) s = "0" + s;
      write(out, Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
    for (int i = 0; i < 2000; i++) { // subnormals
      write(out, r.nextLong() & 0x000FFFFFFFFFFFFFL);
    }
    for (int i = 0; i < 14000; i++) { // anything
      long b = r.nextLong();
      if (Double.isNaN(Double.longBitsToDouble(b))) continue;
      write(out, b);
    }
    out.flush();
  }

  private static void write(BufferedWriter out, long bits) throws Exception {
    out.write(Long.toHexString(bits));
    out.write('\t');
    out.write(Double.toString(Double.longBitsToDouble(bits)));
    out.write('\n');
  }
}
