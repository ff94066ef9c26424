package io.agent7.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in rule pack: the YAML files under {@code io/agent7/rules/builtin/} in this jar,
 * listed in {@code pack.txt} there (a jar cannot be listed portably). Every file must read
 * and validate; a rule's id is its file name.
 */
public final class BuiltinRules {

    static final String FOLDER = "/io/agent7/rules/builtin/";

    private BuiltinRules() {}

    /** The pack's rules by id, in the order of {@code pack.txt}. */
    public static Map<String, Rule> load() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String file : files()) {
            Rule rule;
            try {
                rule = RuleYaml.read(read(file), Rule.BUILTIN);
            } catch (InvalidRuleException e) {
                throw new IllegalStateException("Built-in rule " + file + " is invalid: " + e.getMessage(), e);
            }
            if (!file.equals(rule.id() + ".yml")) {
                throw new IllegalStateException("Built-in rule " + file + " has id " + rule.id() + ": name it so");
            }
            if (rules.put(rule.id(), rule) != null) {
                throw new IllegalStateException("Built-in rule " + rule.id() + " is listed twice");
            }
        }
        return rules;
    }

    /** The file names {@code pack.txt} lists. */
    public static List<String> files() {
        List<String> files = new ArrayList<>();
        for (String line : read("pack.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(name);
            }
        }
        return files;
    }

    /** A file of the pack, as text. */
    public static String read(String file) {
        try (InputStream in = BuiltinRules.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("Built-in rule file " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
