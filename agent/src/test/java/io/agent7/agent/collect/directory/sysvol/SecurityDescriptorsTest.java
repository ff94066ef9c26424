package io.agent7.agent.collect.directory.sysvol;

import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.ALLOWED;
import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.CONTAINER_INHERIT;
import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.DENIED;
import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.INHERITED;
import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.INHERIT_ONLY;
import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.OBJECT_INHERIT;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_ADMINS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_USERS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.ACL;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.ace.ACE;
import com.hierynomus.msdtyp.ace.AceFlags;
import com.hierynomus.msdtyp.ace.AceType;
import com.hierynomus.smb.SMBBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every fixture is read twice: by the self-relative parser the Windows source uses, and by
 * smbj's own parser followed by the SMB source's mapping. Both must give the same model.
 */
class SecurityDescriptorsTest {

    @Test
    void readsOwnerAndDaclInOrderWithDenyAndInheritedEntries() {
        byte[] bytes = new DescriptorBytes()
                .owner(DOMAIN_ADMINS)
                .ace(DENIED, 0, 0x40000, DOMAIN_USERS)
                .ace(ALLOWED, OBJECT_INHERIT | CONTAINER_INHERIT, 0x1F01FF, DOMAIN_ADMINS)
                .ace(ALLOWED, INHERITED, 0x1301BF, DOMAIN_USERS)
                .ace(ALLOWED, OBJECT_INHERIT | CONTAINER_INHERIT | INHERIT_ONLY, 0x10000000L, "S-1-3-0")
                .ace(ALLOWED, INHERITED | OBJECT_INHERIT, 0x1200A9, "S-1-5-11")
                .build();

        assertBothRead(
                bytes,
                new SecurityDescriptors.Parsed(
                        DOMAIN_ADMINS,
                        List.of(
                                new Ace(DOMAIN_USERS, Ace.Type.DENY, 0x40000, false, false),
                                new Ace(DOMAIN_ADMINS, Ace.Type.ALLOW, 0x1F01FF, false, false),
                                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, true, false),
                                new Ace("S-1-3-0", Ace.Type.ALLOW, 0x10000000L, false, true),
                                new Ace("S-1-5-11", Ace.Type.ALLOW, 0x1200A9, true, false))));
    }

    @Test
    void genericBitsAndTheHighestMaskBitSurviveAsUnsigned() {
        byte[] bytes = new DescriptorBytes()
                .owner(SYSTEM)
                .ace(ALLOWED, 0, 0xC0000000L, DOMAIN_USERS)
                .build();

        assertBothRead(
                bytes,
                new SecurityDescriptors.Parsed(
                        SYSTEM, List.of(new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0xC0000000L, false, false))));
    }

    @Test
    void objectAcesAreLeftOutAsTheFileSystemIgnoresThem() {
        byte[] bytes = new DescriptorBytes()
                .owner(DOMAIN_ADMINS)
                .ace(ALLOWED, 0, 0x1200A9, "S-1-5-11")
                .objectAce(OBJECT_INHERIT | CONTAINER_INHERIT, 0x100, "S-1-5-11")
                .ace(ALLOWED, 0, 0x1F01FF, SYSTEM)
                .build();

        assertBothRead(
                bytes,
                new SecurityDescriptors.Parsed(
                        DOMAIN_ADMINS,
                        List.of(
                                new Ace("S-1-5-11", Ace.Type.ALLOW, 0x1200A9, false, false),
                                new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false))));
    }

    @Test
    void aDaclAtOffsetZeroIsANullDaclThatGrantsEveryoneEverything() {
        byte[] bytes = new DescriptorBytes().owner(DOMAIN_USERS).noDacl().build();

        assertBothRead(bytes, new SecurityDescriptors.Parsed(DOMAIN_USERS, Ace.NULL_DACL));
        assertThat(Ace.NULL_DACL).containsExactly(new Ace("S-1-1-0", Ace.Type.ALLOW, 0x1F01FF, false, false));
    }

    @Test
    void aDaclWithoutTheDaclPresentFlagIsIgnoredLikeANullDacl() {
        byte[] bytes = new DescriptorBytes()
                .control(DescriptorBytes.SE_SELF_RELATIVE)
                .owner(DOMAIN_ADMINS)
                .ace(ALLOWED, 0, 0x1F01FF, SYSTEM)
                .build();

        assertBothRead(bytes, new SecurityDescriptors.Parsed(DOMAIN_ADMINS, Ace.NULL_DACL));
    }

    @Test
    void anEmptyDaclGrantsNobodyAnything() {
        byte[] bytes = new DescriptorBytes()
                .control(DescriptorBytes.SE_SELF_RELATIVE
                        | DescriptorBytes.SE_DACL_PRESENT
                        | DescriptorBytes.SE_DACL_PROTECTED)
                .owner(DOMAIN_ADMINS)
                .build();

        assertBothRead(bytes, new SecurityDescriptors.Parsed(DOMAIN_ADMINS, List.of()));
    }

    @Test
    void aDescriptorWithoutOwnerHasANullOwner() {
        byte[] bytes = new DescriptorBytes().ace(ALLOWED, 0, 0x1F01FF, SYSTEM).build();

        assertBothRead(
                bytes,
                new SecurityDescriptors.Parsed(null, List.of(new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false))));
    }

    @Test
    void sidsReadAsTheirStringForm() {
        assertThat(SecurityDescriptors.sid(little(DescriptorBytes.sid("S-1-5-32-544")), 0))
                .isEqualTo("S-1-5-32-544");
        assertThat(SecurityDescriptors.sid(little(DescriptorBytes.sid(DOMAIN_USERS)), 0))
                .isEqualTo(DOMAIN_USERS);
        assertThat(SecurityDescriptors.sid(little(DescriptorBytes.sid("S-1-1-0")), 0))
                .isEqualTo("S-1-1-0");
    }

    @Test
    void anAbsoluteDescriptorIsRefusedNamingTheProblem() {
        byte[] bytes = new DescriptorBytes()
                .control(DescriptorBytes.SE_DACL_PRESENT)
                .owner(SYSTEM)
                .build();

        assertThatThrownBy(() -> SecurityDescriptors.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The security descriptor is not self-relative (control 0x4)");
    }

    @Test
    void truncatedBytesAreRefusedNamingTheProblem() {
        byte[] whole = new DescriptorBytes()
                .owner(SYSTEM)
                .ace(ALLOWED, 0, 0x1F01FF, SYSTEM)
                .build();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 6);

        assertThatThrownBy(() -> SecurityDescriptors.parse(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past its end");
        assertThatThrownBy(() -> SecurityDescriptors.parse(new byte[12]))
                .hasMessage("The security descriptor is 12 bytes, shorter than its 20-byte header");
    }

    private static ByteBuffer little(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void assertBothRead(byte[] bytes, SecurityDescriptors.Parsed expected) {
        assertThat(SecurityDescriptors.parse(bytes)).as("self-relative parser").isEqualTo(expected);
        SecurityDescriptor smbj;
        try {
            smbj = SecurityDescriptor.read(new SMBBuffer(bytes));
        } catch (Exception e) {
            throw new AssertionError("smbj could not read the fixture", e);
        }
        assertThat(viaSmbj(smbj)).as("smbj's structures").isEqualTo(expected);
    }

    /**
     * The fixture as smbj's own decoder reads it, mapped with the same rules: an oracle for the
     * fixtures' layout, independent of the parser under test.
     */
    private static SecurityDescriptors.Parsed viaSmbj(SecurityDescriptor descriptor) {
        String owner = descriptor.getOwnerSid() == null
                ? null
                : descriptor.getOwnerSid().toString();
        ACL dacl = descriptor.getDacl();
        if (dacl == null || !descriptor.getControl().contains(SecurityDescriptor.Control.DP)) {
            return new SecurityDescriptors.Parsed(owner, Ace.NULL_DACL);
        }
        List<Ace> aces = new ArrayList<>();
        for (ACE ace : dacl.getAces()) {
            AceType type = ace.getAceHeader().getAceType();
            if (type != AceType.ACCESS_ALLOWED_ACE_TYPE && type != AceType.ACCESS_DENIED_ACE_TYPE) {
                continue;
            }
            Set<AceFlags> flags = ace.getAceHeader().getAceFlags();
            aces.add(new Ace(
                    ace.getSid().toString(),
                    type == AceType.ACCESS_ALLOWED_ACE_TYPE ? Ace.Type.ALLOW : Ace.Type.DENY,
                    ace.getAccessMask(),
                    flags.contains(AceFlags.INHERITED_ACE),
                    flags.contains(AceFlags.INHERIT_ONLY_ACE)));
        }
        return new SecurityDescriptors.Parsed(owner, aces);
    }
}
