package io.agent7.agent.collect.windows.update.win32;

import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.COMLateBindingObject;
import com.sun.jna.platform.win32.COM.COMUtils;
import com.sun.jna.platform.win32.COM.IDispatch;
import com.sun.jna.platform.win32.OaIdl;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.Variant;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import io.agent7.agent.collect.windows.update.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Windows Update history through the Windows Update Agent's automation objects:
 * Microsoft.Update.Session, CreateUpdateSearcher, GetTotalHistoryCount, QueryHistory. The
 * history lives in the agent's DataStore.edb, whose format is not documented; this API is
 * the documented way in.
 */
public final class UpdateHistory {

    /** Entries asked for per QueryHistory call; a history holds hundreds to a few thousands. */
    private static final int PAGE = 200;

    private UpdateHistory() {}

    public static List<HistoryEntry> read() {
        WinNT.HRESULT init = Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_MULTITHREADED);
        // RPC_E_CHANGED_MODE: the thread is already in an apartment of the other kind; COM
        // works there, and this call did not initialise it, so it must not uninitialise it.
        boolean initialised = COMUtils.SUCCEEDED(init);
        if (!initialised && init.intValue() != WinError.RPC_E_CHANGED_MODE) {
            COMUtils.checkRC(init);
        }
        try {
            Automation session = new Automation("Microsoft.Update.Session");
            try {
                Automation searcher = session.object("CreateUpdateSearcher");
                try {
                    return entries(searcher);
                } finally {
                    searcher.release();
                }
            } finally {
                session.release();
            }
        } finally {
            if (initialised) {
                Ole32.INSTANCE.CoUninitialize();
            }
        }
    }

    private static List<HistoryEntry> entries(Automation searcher) {
        int total = searcher.call("GetTotalHistoryCount").intValue();
        List<HistoryEntry> entries = new ArrayList<>(total);
        for (int start = 0; start < total; start += PAGE) {
            Automation page = searcher.object("QueryHistory", new Variant.VARIANT(start), new Variant.VARIANT(PAGE));
            try {
                int count = page.number("Count");
                for (int i = 0; i < count; i++) {
                    Automation entry = page.item(i);
                    try {
                        entries.add(entry(entry));
                    } finally {
                        entry.release();
                    }
                }
            } finally {
                page.release();
            }
        }
        return entries;
    }

    private static HistoryEntry entry(Automation entry) {
        Automation identity = entry.propertyObject("UpdateIdentity");
        try {
            return new HistoryEntry(
                    entry.number("Operation"),
                    entry.number("ResultCode"),
                    entry.date("Date"),
                    entry.text("Title"),
                    identity.text("UpdateID"),
                    identity.number("RevisionNumber"),
                    entry.text("ClientApplicationID"),
                    entry.text("SupportUrl"));
        } finally {
            identity.release();
        }
    }

    /** A late-bound automation object, with the calls the history needs. */
    private static final class Automation extends COMLateBindingObject {

        Automation(String progId) throws COMException {
            super(progId, false);
        }

        Automation(IDispatch dispatch) {
            super(dispatch);
        }

        Variant.VARIANT call(String method, Variant.VARIANT... args) {
            return invoke(method, args);
        }

        Automation object(String method, Variant.VARIANT... args) {
            return new Automation((IDispatch) invoke(method, args).getValue());
        }

        int number(String name) {
            Variant.VARIANT.ByReference value = property(name);
            try {
                return value.intValue();
            } finally {
                OleAuto.INSTANCE.VariantClear(value);
            }
        }

        /** A BSTR property; VariantClear frees the string the call allocated. */
        String text(String name) {
            Variant.VARIANT.ByReference value = property(name);
            try {
                return value.getValue() == null ? null : value.stringValue();
            } finally {
                OleAuto.INSTANCE.VariantClear(value);
            }
        }

        /** The DATE as the API gives it; JNA's java.util.Date conversion would apply the JVM's zone. */
        double date(String name) {
            Variant.VARIANT.ByReference value = property(name);
            try {
                return value.getValue() instanceof OaIdl.DATE date ? date.date : 0d;
            } finally {
                OleAuto.INSTANCE.VariantClear(value);
            }
        }

        private Variant.VARIANT.ByReference property(String name) {
            Variant.VARIANT.ByReference result = new Variant.VARIANT.ByReference();
            oleMethod(OleAuto.DISPATCH_PROPERTYGET, result, name);
            return result;
        }

        Automation propertyObject(String name) {
            return new Automation(getAutomationProperty(name));
        }

        Automation item(int index) {
            return new Automation(getAutomationProperty("Item", new Variant.VARIANT(index)));
        }
    }
}
