package io.jenkins.plugins.gitops.engine.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1}, {@code 1Gi}, {@code 1024Mi}, {@code 1e3}) parsed to their
 * exact value and printed in one canonical spelling, so {@code 1000m == 1} and {@code 1Gi == 1024Mi}.
 *
 * <p>Canonical form follows apimachinery's {@code Quantity.String()}: the largest suffix that keeps an integer
 * mantissa; decimal suffixes (m, k, M, G...) in general and binary suffixes (Ki, Mi, Gi...) for byte amounts
 * that are whole multiples of 1024. Values finer than a nano unit round up, as Kubernetes does.
 */
final class Quantity {

    private static final Pattern SYNTAX = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");

    /** Suffix -> multiplier, decimal SI first (apimachinery suffix.go). */
    private static final Map<String, BigDecimal> SUFFIXES = new LinkedHashMap<>();
    /** Decimal exponents used when printing, largest first. */
    private static final String[] DECIMAL_PRINT = {"E", "P", "T", "G", "M", "k", "", "m", "u", "n"};
    /** Binary exponents used when printing, largest first. */
    private static final String[] BINARY_PRINT = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};

    static {
        String[] dec = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
        for (int i = 0; i < dec.length; i++) {
            SUFFIXES.put(dec[i], BigDecimal.ONE.scaleByPowerOfTen(3 * (i - 3)));
        }
        String[] bin = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        for (int i = 0; i < bin.length; i++) {
            SUFFIXES.put(bin[i], new BigDecimal(BigInteger.valueOf(1024).pow(i + 1)));
        }
    }

    private Quantity() {}

    /** The exact value of a quantity string, empty if it is not a valid quantity. */
    static Optional<BigDecimal> parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2);
        BigDecimal multiplier = SUFFIXES.get(suffix);
        if (multiplier != null) {
            return Optional.of(number.multiply(multiplier));
        }
        Matcher e = EXPONENT.matcher(suffix);
        if (e.matches() && e.group(1).length() < 6) {
            return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(e.group(1))));
        }
        return Optional.empty();
    }

    /** Canonical spelling of a value; {@code bytes} prefers binary suffixes for whole multiples of 1024. */
    static String canonical(BigDecimal value, boolean bytes) {
        if (value.signum() == 0) {
            return "0";
        }
        if (bytes && isInteger(value) && value.abs().compareTo(SUFFIXES.get("Ki")) >= 0) {
            for (String s : BINARY_PRINT) {
                BigDecimal mantissa = value.divide(SUFFIXES.get(s));
                if (isInteger(mantissa)) {
                    return mantissa.toBigInteger() + s;
                }
            }
        }
        BigDecimal nanos = value.divide(SUFFIXES.get("n")).setScale(0, RoundingMode.CEILING);
        BigDecimal rounded = nanos.multiply(SUFFIXES.get("n"));
        for (String s : DECIMAL_PRINT) {
            BigDecimal mantissa = rounded.divide(SUFFIXES.get(s));
            if (isInteger(mantissa)) {
                return mantissa.toBigInteger() + s;
            }
        }
        return nanos.toBigInteger() + "n";
    }

    private static boolean isInteger(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }
}
