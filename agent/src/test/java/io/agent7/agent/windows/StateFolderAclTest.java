package io.agent7.agent.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StateFolderAclTest {

    /** ace_type;ace_flags;rights;object_guid;inherit_object_guid;account_sid, as SDDL writes an ACE. */
    private static final Pattern ACE = Pattern.compile("\\(([^;]*);([^;]*);([^;]*);([^;]*);([^;]*);([^)]*)\\)");

    @Test
    void onlySystemAndAdministratorsHaveAccessAndNothingIsInherited() {
        String sddl = StateFolderAcl.SDDL;
        String dacl = sddl.substring(sddl.indexOf("D:") + 2);
        List<String> aces = new ArrayList<>();
        Matcher ace = ACE.matcher(dacl);
        while (ace.find()) {
            aces.add(String.join(" ", ace.group(1), ace.group(2), ace.group(3), ace.group(6)));
        }

        assertThat(sddl).startsWith("O:BA");
        assertThat(dacl.substring(0, dacl.indexOf('(')))
                .as("protected, auto-inherited")
                .isEqualTo("PAI");
        assertThat(aces).containsExactly("A OICI FA SY", "A OICI FA BA");
        assertThat(ACE.matcher(dacl).replaceAll(""))
                .as("nothing but those ACEs")
                .isEqualTo("PAI");
    }
}
