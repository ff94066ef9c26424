package io.agent7.agent.collect.directory.sysvol;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.FileTime;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.mssmb2.messages.SMB2QueryInfoRequest;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import com.hierynomus.smbj.share.Share;
import io.agent7.agent.collect.directory.DirectoryError;
import io.agent7.agent.collect.directory.DirectorySettings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads SYSVOL over SMB2/3 with smbj, from any OS: share {@code SYSVOL} on the configured DC,
 * folder {@code <domain>}, authenticated with NTLM as the configured account.
 */
public final class SmbSysvol implements SysvolSource {

    private static final Set<SecurityInformation> OWNER_AND_DACL =
            EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION, SecurityInformation.DACL_SECURITY_INFORMATION);
    private static final long DIRECTORY = FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue();
    private static final long REPARSE_POINT = FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT.getValue();

    private final String host;
    private final String domain;
    private final String user;
    private final String authDomain;
    private final char[] password;
    private final long timeoutMillis;

    /**
     * Reads the SYSVOL of {@code settings.domain()} from {@code settings.sysvolServer()},
     * port 445, as {@code settings.user()}.
     *
     * @throws DirectoryError when the settings name no account and password: Kerberos for SMB is not supported
     */
    public SmbSysvol(DirectorySettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.user() == null || settings.password() == null) {
            throw new DirectoryError("Reading SYSVOL over SMB needs directory.user and directory.password"
                    + " (NTLM); Kerberos is not supported for SMB");
        }
        this.host = settings.sysvolServer();
        this.domain = settings.domain();
        this.user = settings.userName();
        this.authDomain = authDomain(settings.user(), settings.domain());
        this.password = settings.password().clone();
        this.timeoutMillis = settings.timeout().toMillis();
    }

    /** The account's domain for NTLM: the NetBIOS name of DOMAIN\\user, the suffix of user@domain, else the DNS name. */
    static String authDomain(String user, String domain) {
        int slash = user.indexOf('\\');
        if (slash > 0) {
            return user.substring(0, slash);
        }
        int at = user.indexOf('@');
        return at >= 0 ? user.substring(at + 1) : domain;
    }

    @Override
    public void walk(Consumer<SysvolEntry> visitor) {
        SmbConfig config = SmbConfig.builder()
                .withTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .withSoTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build();
        try (SMBClient client = new SMBClient(config);
                Connection connection = client.connect(host);
                Session session = connection.authenticate(new AuthenticationContext(user, password, authDomain));
                Share share = session.connectShare("SYSVOL")) {
            if (!(share instanceof DiskShare disk)) {
                throw new DirectoryError("\\\\" + host + "\\SYSVOL is not a disk share");
            }
            new Walk(disk, visitor).folder(domain, "", null);
        } catch (SMBApiException e) {
            throw new DirectoryError(failure(e), e);
        } catch (IOException | SMBRuntimeException e) {
            throw new DirectoryError(
                    "Could not read SYSVOL from " + host + ":" + SMBClient.DEFAULT_PORT + ": " + e.getMessage(), e);
        }
    }

    private String failure(SMBApiException e) {
        NtStatus status = e.getStatus();
        if (status == NtStatus.STATUS_LOGON_FAILURE) {
            return "The DC " + host + " refused the password of " + authDomain + "\\" + user + " for SYSVOL";
        }
        if (status == NtStatus.STATUS_BAD_NETWORK_NAME) {
            return host + " has no SYSVOL share: directory.sysvol_host should name a domain controller";
        }
        return "Could not read SYSVOL from " + host + ": " + e.getMessage();
    }

    /** One walk over an open share: paths on the share are {@code <domain>\relative}. */
    private final class Walk {

        private final DiskShare share;
        private final Consumer<SysvolEntry> visitor;

        Walk(DiskShare share, Consumer<SysvolEntry> visitor) {
            this.share = share;
            this.visitor = visitor;
        }

        /** Visits a folder (described by {@code self}, or by its own "." entry) and everything below it. */
        void folder(String sharePath, String relative, FileIdBothDirectoryInformation self) {
            List<FileIdBothDirectoryInformation> listing = list(sharePath);
            FileIdBothDirectoryInformation info = self;
            if (info == null) {
                info = listing.stream()
                        .filter(child -> child.getFileName().equals("."))
                        .findFirst()
                        .orElseThrow(() -> new DirectoryError(
                                "\\\\" + host + "\\SYSVOL\\" + sharePath + " lists no entry for itself"));
            }
            visitor.accept(entry(sharePath, relative, info, true));
            List<FileIdBothDirectoryInformation> children = listing.stream()
                    .filter(child -> !child.getFileName().equals(".")
                            && !child.getFileName().equals(".."))
                    .sorted(Comparator.comparing(child -> child.getFileName().toLowerCase(Locale.ROOT)))
                    .toList();
            for (FileIdBothDirectoryInformation child : children) {
                String childPath = sharePath + "\\" + child.getFileName();
                String childRelative = relative.isEmpty() ? child.getFileName() : relative + "\\" + child.getFileName();
                boolean directory = (child.getFileAttributes() & DIRECTORY) != 0;
                if (!directory) {
                    visitor.accept(entry(childPath, childRelative, child, false));
                } else if ((child.getFileAttributes() & REPARSE_POINT) != 0) {
                    // A junction's target is elsewhere in SYSVOL or outside it: listing it once is
                    // enough, following it could loop.
                    visitor.accept(entry(childPath, childRelative, child, true));
                } else {
                    folder(childPath, childRelative, child);
                }
            }
        }

        private List<FileIdBothDirectoryInformation> list(String sharePath) {
            try {
                return share.list(sharePath);
            } catch (SMBApiException e) {
                throw new DirectoryError(
                        "Could not list \\\\" + host + "\\SYSVOL\\" + sharePath + ": " + e.getStatus(), e);
            }
        }

        private SysvolEntry entry(
                String sharePath, String relative, FileIdBothDirectoryInformation info, boolean directory) {
            SecurityDescriptors.Parsed security;
            try {
                security = SecurityDescriptors.parse(descriptorBytes(sharePath));
            } catch (SMBApiException e) {
                throw new DirectoryError(
                        "Could not read the permissions of \\\\" + host + "\\SYSVOL\\" + sharePath + ": "
                                + e.getStatus(),
                        e);
            }
            return new SysvolEntry(
                    relative,
                    directory,
                    directory ? 0 : info.getEndOfFile(),
                    instant(info.getCreationTime()),
                    instant(info.getLastWriteTime()),
                    security.ownerSid(),
                    security.aces(),
                    directory ? null : () -> open(sharePath));
        }

        /**
         * The entry's security descriptor as the server sent it, self-relative: parsed by
         * {@link SecurityDescriptors#parse}, the parser the Windows path uses, because smbj's own
         * decoder fails on the object ACEs Samba and Windows put on GPO folders.
         */
        private byte[] descriptorBytes(String sharePath) {
            try (DiskEntry entry = share.open(
                    sharePath,
                    EnumSet.of(AccessMask.READ_CONTROL),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN,
                    null)) {
                return share.queryInfo(
                                entry.getFileId(),
                                SMB2QueryInfoRequest.SMB2QueryInfoType.SMB2_0_INFO_SECURITY,
                                OWNER_AND_DACL,
                                null,
                                null)
                        .getOutputBuffer();
            }
        }

        private InputStream open(String sharePath) throws IOException {
            File file;
            try {
                file = share.openFile(
                        sharePath,
                        EnumSet.of(AccessMask.GENERIC_READ),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OPEN,
                        null);
            } catch (SMBApiException e) {
                if (e.getStatus() == NtStatus.STATUS_ACCESS_DENIED) {
                    throw new AccessDeniedException("\\\\" + host + "\\SYSVOL\\" + sharePath);
                }
                throw new IOException(
                        "Could not open \\\\" + host + "\\SYSVOL\\" + sharePath + ": " + e.getStatus(), e);
            }
            return new FilterInputStream(file.getInputStream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        file.close();
                    }
                }
            };
        }
    }

    private static Instant instant(FileTime time) {
        return time == null || time.getWindowsTimeStamp() == 0 ? null : time.toInstant();
    }
}
