package io.agent7.search.api;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents as CSV (RFC 4180), one row each, written as they come.
 *
 * <ul>
 *   <li>A header row of the column names: {@code _id}, then the fields by their full dotted
 *       names. Rows end in CRLF.
 *   <li>A cell holding a comma, a double quote, CR or LF is put in double quotes, with each double
 *       quote inside doubled; other cells are written as they are.
 *   <li>A field the document lacks, or holds null, is an empty cell.
 *   <li>A field with several values (an array, or a field inside an array of objects) has them
 *       in one cell, one per line (LF), in the document's order.
 *   <li>An object, or an array of objects (a nested field such as ACEs, or {@code labels}), is one
 *       cell of JSON.
 *   <li>Spreadsheet formulas: collected values are written by whoever controls the host, and a
 *       cell starting with {@code =}, {@code +}, {@code -} or {@code @} (or TAB or CR, or their
 *       full-width forms) would run as a formula in Excel, LibreOffice or Google Sheets. Such a
 *       cell, and one starting with {@code '}, gets a {@code '} in front, which those programs
 *       show as text and do not display. To get the exact value back, drop the first character
 *       of any cell that starts with {@code '}. A single number or boolean is never changed (a
 *       negative number stays a number). The header row holds the project's own field names and
 *       is never changed.
 * </ul>
 */
final class CsvWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORMULA_STARTS = "=+-@\t\r'\uFF1D\uFF0B\uFF0D\uFF20";

    private final Writer out;
    private final List<String> columns;

    /** @param columns the fields after {@code _id}, by full dotted name */
    CsvWriter(Writer out, List<String> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
    }

    void header() throws IOException {
        List<String> names = new ArrayList<>(columns.size() + 1);
        names.add("_id");
        names.addAll(columns);
        record(names.stream().map(CsvWriter::quoted).toList());
    }

    void row(SearchBackend.Hit hit) throws IOException {
        List<String> cells = new ArrayList<>(columns.size() + 1);
        cells.add(quoted(guarded(hit.id())));
        for (String column : columns) {
            cells.add(quoted(cell(FieldValues.of(hit.source(), column))));
        }
        record(cells);
    }

    private void record(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cells.get(i));
        }
        out.write("\r\n");
    }

    /** The text of a cell holding {@code values}, before quoting. */
    static String cell(List<Object> values) {
        if (values.isEmpty()) {
            return "";
        }
        if (values.size() == 1 && (values.get(0) instanceof Number || values.get(0) instanceof Boolean)) {
            return values.get(0).toString();
        }
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(
                    value instanceof Map<?, ?> || value instanceof List<?> ? JSON.writeValueAsString(value) : value);
        }
        return guarded(text.toString());
    }

    /** With a {@code '} in front when a spreadsheet would read it as a formula. */
    static String guarded(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** RFC 4180: in double quotes, doubling those inside, when it holds a comma, a double quote, CR or LF. */
    static String quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }
}
