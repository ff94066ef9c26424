package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A version string that moves with a release level, so any number of releases can follow
 * the catalogue's real starting point. Placeholders: {@code {b}} is b; {@code {b+s}} is
 * b + s·level; {@code {b+s/d}} is b + s·⌊level/d⌋; {@code {b+s%m}} is b + s·(level mod m);
 * {@code :w} pads to w digits. Other braces, such as a {@code {v}} a caller fills, stay as
 * written. Example: {@code {120+1/2}.0.{6099+62/2}.{71+38%2}} gives
 * Chrome-like versions that change every level and a major version every second one.
 */
final class VersionTemplate {

    private final List<String> literals = new ArrayList<>();
    private final List<int[]> terms = new ArrayList<>();

    private VersionTemplate(String text) {
        StringBuilder pending = new StringBuilder();
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                literals.add(pending + text.substring(at));
                return;
            }
            int close = text.indexOf('}', open);
            String spec = text.substring(open + 1, close);
            if (spec.isEmpty() || !Character.isDigit(spec.charAt(0))) {
                pending.append(text, at, close + 1);
                at = close + 1;
                continue;
            }
            literals.add(pending + text.substring(at, open));
            pending.setLength(0);
            terms.add(term(spec, text));
            at = close + 1;
        }
    }

    static VersionTemplate parse(String text) {
        return new VersionTemplate(text);
    }

    /** base, step, divisor, modulus, width */
    private static int[] term(String spec, String whole) {
        int width = 0;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            width = Integer.parseInt(spec.substring(colon + 1));
            spec = spec.substring(0, colon);
        }
        int plus = spec.indexOf('+');
        if (plus < 0) {
            return new int[] {Integer.parseInt(spec), 0, 1, 0, width};
        }
        int base = Integer.parseInt(spec.substring(0, plus));
        String rest = spec.substring(plus + 1);
        int div = 1;
        int mod = 0;
        int slash = rest.indexOf('/');
        int percent = rest.indexOf('%');
        if (slash >= 0) {
            div = Integer.parseInt(rest.substring(slash + 1));
            rest = rest.substring(0, slash);
        } else if (percent >= 0) {
            mod = Integer.parseInt(rest.substring(percent + 1));
            rest = rest.substring(0, percent);
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Bad version placeholder {" + spec + "} in " + whole);
        }
        return new int[] {base, Integer.parseInt(rest), div, mod, width};
    }

    String at(int level) {
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < terms.size(); i++) {
            out.append(literals.get(i));
            int[] t = terms.get(i);
            int factor = t[3] > 0 ? level % t[3] : level / t[2];
            int value = t[0] + t[1] * factor;
            out.append(t[4] > 0 ? String.format(Locale.ROOT, "%0" + t[4] + "d", value) : Integer.toString(value));
        }
        out.append(literals.get(literals.size() - 1));
        return out.toString();
    }
}
