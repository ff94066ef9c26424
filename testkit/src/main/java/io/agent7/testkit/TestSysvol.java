package io.agent7.testkit;

import com.hierynomus.msdtyp.ACL;
import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.SID;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msdtyp.ace.AceFlags;
import com.hierynomus.msdtyp.ace.AceTypes;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files in a DC's SYSVOL share with the permissions a test wants, written over SMB as the
 * domain's administrator would write them (so it works on an external DC too): the mistakes the
 * SYSVOL collector must find, such as a logon script Domain Users may modify.
 */
public final class TestSysvol implements AutoCloseable {

    /** Read, write, append, execute, delete and their attributes: what icacls calls modify. */
    private static final Set<AccessMask> MODIFY = EnumSet.of(
            AccessMask.FILE_READ_DATA,
            AccessMask.FILE_WRITE_DATA,
            AccessMask.FILE_APPEND_DATA,
            AccessMask.FILE_READ_EA,
            AccessMask.FILE_WRITE_EA,
            AccessMask.FILE_EXECUTE,
            AccessMask.FILE_READ_ATTRIBUTES,
            AccessMask.FILE_WRITE_ATTRIBUTES,
            AccessMask.DELETE,
            AccessMask.READ_CONTROL,
            AccessMask.SYNCHRONIZE);

    private final SambaDomainController dc;
    private final SMBClient client = new SMBClient();
    private final Connection connection;
    private final Session session;
    private final DiskShare share;
    private final String domainSid;

    private TestSysvol(SambaDomainController dc) throws IOException, LDAPException {
        this.dc = dc;
        try (LDAPConnection ldap = dc.connectAsAdministrator()) {
            SearchResultEntry domain = ldap.getEntry(dc.baseDn(), "objectSid");
            domainSid = sid(domain.getAttributeValueBytes("objectSid"));
        }
        connection = client.connect(dc.address());
        session = connection.authenticate(
                new AuthenticationContext(dc.adminUser(), dc.adminPassword().toCharArray(), dc.netbiosDomain()));
        share = (DiskShare) session.connectShare("SYSVOL");
    }

    /** An SMB session to {@code dc}'s SYSVOL as its administrator; close it when done. */
    public static TestSysvol on(SambaDomainController dc) {
        try {
            return new TestSysvol(dc);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the SYSVOL share of " + dc.address(), e);
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot read the domain SID of " + dc.domain() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code content} to {@code path} below the domain's folder of the share (for
     * example {@code Policies\{GUID}\Machine\logon.bat}), making the folders on the way, and
     * gives it a DACL of its own (not inherited): Domain Admins and SYSTEM full control, Domain
     * Users modify.
     */
    public void fileDomainUsersMayModify(String path, byte[] content) {
        String full = dc.domain() + "\\" + path;
        makeFolders(full.substring(0, full.lastIndexOf('\\')));
        try (File file = share.openFile(
                        full,
                        EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.WRITE_DAC),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE_IF,
                        null);
                OutputStream out = file.getOutputStream()) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write \\\\" + dc.address() + "\\SYSVOL\\" + full, e);
        }
        SecurityDescriptor descriptor = new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.PD, SecurityDescriptor.Control.SR),
                null,
                null,
                null,
                new ACL(
                        ACL.ACL_REVISION,
                        List.of(
                                AceTypes.accessAllowedAce(
                                        EnumSet.noneOf(AceFlags.class),
                                        EnumSet.of(AccessMask.GENERIC_ALL),
                                        SID.fromString(domainSid + "-512")),
                                AceTypes.accessAllowedAce(
                                        EnumSet.noneOf(AceFlags.class),
                                        EnumSet.of(AccessMask.GENERIC_ALL),
                                        SID.fromString("S-1-5-18")),
                                AceTypes.accessAllowedAce(
                                        EnumSet.noneOf(AceFlags.class), MODIFY, SID.fromString(domainSid + "-513")))));
        share.setSecurityInfo(full, EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION), descriptor);
    }

    /** Removes a file written with this class, if it is there. */
    public void remove(String path) {
        String full = dc.domain() + "\\" + path;
        if (share.fileExists(full)) {
            share.rm(full);
        }
    }

    /** The domain's SID, {@code S-1-5-21-...}. */
    public String domainSid() {
        return domainSid;
    }

    private void makeFolders(String folder) {
        StringBuilder path = new StringBuilder();
        for (String part : folder.split("\\\\")) {
            path.append(path.length() == 0 ? "" : "\\").append(part);
            try {
                if (!share.folderExists(path.toString())) {
                    share.mkdir(path.toString());
                }
            } catch (SMBApiException e) {
                if (e.getStatus() != NtStatus.STATUS_OBJECT_NAME_COLLISION) {
                    throw e;
                }
            }
        }
    }

    private static String sid(byte[] bytes) {
        try {
            return SID.read(new SMBBuffer(bytes)).toString();
        } catch (Buffer.BufferException e) {
            throw new IllegalStateException("The domain's objectSid is not a SID", e);
        }
    }

    @Override
    public void close() {
        try {
            share.close();
            session.close();
            connection.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.close();
        }
    }
}
