package io.agent7.simulator.host;

import java.util.List;
import java.util.Locale;

/**
 * The organisation's staff: a fixed pool of names, so the same person has the same account
 * and SID on every host they use, and a few IT administrators with separate admin accounts.
 */
final class People {

    private static final List<String> FIRST = List.of(
            "Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Maya",
            "Nils", "Olga", "Paul", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wei", "Xenia", "Yusuf", "Zoe",
            "Aisha", "Bruno", "Chloe", "Diego", "Emma", "Felix", "Hana", "Ivan", "Julia", "Kenji", "Lena", "Marco",
            "Nora", "Oscar", "Priya", "Rafael", "Sofia", "Tom", "Ulla", "Victor", "Wanda", "Yara", "Adam", "Bianca",
            "Cem", "Dana", "Erik", "Fatima", "Gabriel", "Helena", "Igor", "Jana", "Kofi", "Laura");
    private static final List<String> LAST = List.of(
            "Becker",
            "Schmidt",
            "Nguyen",
            "Garcia",
            "Kowalski",
            "Jensen",
            "Rossi",
            "Dubois",
            "Silva",
            "Novak",
            "Yilmaz",
            "Johansson",
            "Murphy",
            "Tanaka",
            "Kim",
            "Patel",
            "Okafor",
            "Muller",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Hoffmann",
            "Schulz",
            "Koch",
            "Richter",
            "Klein",
            "Wolf",
            "Neumann",
            "Schwarz",
            "Braun",
            "Zimmermann",
            "Hartmann",
            "Lange",
            "Krause",
            "Werner",
            "Lehmann",
            "Kaiser",
            "Fuchs",
            "Peters",
            "Scholz",
            "Moller",
            "Jung",
            "Hahn",
            "Vogel",
            "Friedrich",
            "Keller",
            "Gunther",
            "Frank",
            "Berger",
            "Winkler",
            "Roth",
            "Beck",
            "Lorenz",
            "Baumann",
            "Franke",
            "Albrecht",
            "Schuster",
            "Simon",
            "Ludwig");
    /** Persons who are IT administrators; their own accounts are ordinary, their admin accounts are adm-. */
    static final List<Integer> ADMINS = List.of(3, 125, 250, 377, 500, 641, 777, 901);

    static final int COUNT = FIRST.size() * LAST.size();
    /** The share of persons whose account is {@link #inactive}. */
    static final double INACTIVE = 0.09;

    private People() {}

    static String first(int person) {
        return FIRST.get(person % FIRST.size());
    }

    static String last(int person) {
        return LAST.get((person / FIRST.size()) % LAST.size());
    }

    static String fullName(int person) {
        return first(person) + " " + last(person);
    }

    /** The domain account: first.last. */
    static String account(int person) {
        return (first(person) + "." + last(person)).toLowerCase(Locale.ROOT);
    }

    /** A Linux login: initial and last name, as admins pick them. */
    static String login(int person) {
        return (first(person).charAt(0) + last(person)).toLowerCase(Locale.ROOT);
    }

    static String adminAccount(int person) {
        return "adm-" + account(person);
    }

    /**
     * Whether the person's domain account is no longer used: disabled after they left, or
     * enabled but not logged on for months. About one in eleven; never an administrator.
     */
    static boolean inactive(long seed, int person) {
        return Seeds.chance(Seeds.of(seed, person, 0x1EAF), INACTIVE) && !ADMINS.contains(person);
    }

    /**
     * The person a workstation drawn for {@code drawn} belongs to: {@code drawn}, or the next
     * person whose account is in use, so that nobody whose account is disabled or stale in the
     * directory logs on every day.
     */
    static int working(long seed, int drawn) {
        int person = drawn;
        while (inactive(seed, person)) {
            person = (person + 1) % COUNT;
        }
        return person;
    }
}
