package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.platform.win32.COM.COMLateBindingObject;
import com.sun.jna.platform.win32.COM.IDispatch;
import com.sun.jna.platform.win32.OaIdl;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.Variant;
import com.sun.jna.platform.win32.Variant.VARIANT;

/**
 * A COM object reached through IDispatch (late binding). Task Scheduler 2.0 is a dual
 * interface library meant for scripting, so its objects answer by name (Path, Definition,
 * Item) through IDispatch::Invoke; that needs no vtable declarations of ITaskService,
 * ITaskFolder, IRegisteredTask and the twenty interfaces below them, and the names are the
 * documented ones. Every value read is freed (VariantClear) here; objects handed out are
 * released by the caller.
 */
final class Automation extends COMLateBindingObject {

    Automation(IDispatch dispatch) {
        super(dispatch);
    }

    /** Creates the object of a ProgID (CoCreateInstance). */
    Automation(String progId) {
        super(progId, false);
    }

    /** Calls a method that returns nothing worth keeping. */
    void call(String method) {
        VARIANT.ByReference result = new VARIANT.ByReference();
        oleMethod(OleAuto.DISPATCH_METHOD, result, method);
        OleAuto.INSTANCE.VariantClear(result);
    }

    /** Calls a method with one argument that returns an object. */
    Automation callForObject(String method, VARIANT argument) {
        VARIANT.ByReference result = new VARIANT.ByReference();
        try {
            oleMethod(OleAuto.DISPATCH_METHOD, result, method, argument);
        } finally {
            OleAuto.INSTANCE.VariantClear(argument);
        }
        return new Automation((IDispatch) result.getValue());
    }

    Automation object(String property) {
        return new Automation((IDispatch) get(property).getValue());
    }

    /** Item(index) of a collection; Task Scheduler collections count from 1. */
    Automation item(int index) {
        VARIANT.ByReference result = new VARIANT.ByReference();
        oleMethod(OleAuto.DISPATCH_PROPERTYGET, result, "Item", new VARIANT(index));
        return new Automation((IDispatch) result.getValue());
    }

    /** A string property; null when it is empty (VT_EMPTY, VT_NULL) or blank. */
    String text(String property) {
        VARIANT value = get(property);
        try {
            int type = value.getVarType().intValue();
            if (type == Variant.VT_EMPTY || type == Variant.VT_NULL) {
                return null;
            }
            String text = value.stringValue();
            return text == null || text.isBlank() ? null : text;
        } finally {
            OleAuto.INSTANCE.VariantClear(value);
        }
    }

    int number(String property) {
        VARIANT value = get(property);
        try {
            return value.intValue();
        } finally {
            OleAuto.INSTANCE.VariantClear(value);
        }
    }

    boolean flag(String property) {
        VARIANT value = get(property);
        try {
            return value.booleanValue();
        } finally {
            OleAuto.INSTANCE.VariantClear(value);
        }
    }

    /** A DATE property as the double it is: days since 1899-12-30, local time. */
    double date(String property) {
        VARIANT value = get(property);
        try {
            return value.getValue() instanceof OaIdl.DATE date ? date.date : 0;
        } finally {
            OleAuto.INSTANCE.VariantClear(value);
        }
    }

    private VARIANT get(String property) {
        VARIANT.ByReference result = new VARIANT.ByReference();
        oleMethod(OleAuto.DISPATCH_PROPERTYGET, result, property);
        return result;
    }
}
