package io.agent7.search.api;

import io.agent7.query.request.Format;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * An export written to the HTTP response as its pages arrive: each page is sent (flushed)
 * before the next is read, so memory holds one page whatever the export's size. The total goes
 * in headers, as there is no place for it in CSV or NDJSON. A failure after the first bytes
 * cannot become an error answer any more; the connection then ends without HTTP's final chunk,
 * which clients report (curl: error 18), so a cut-off file is not taken for a whole one.
 */
final class ExportResponse implements SearchBackend.HitSink {

    /** How many documents matched, and whether that is exact ({@code true}) or a lower bound. */
    static final String TOTAL = "Agent7-Total";

    static final String TOTAL_EXACT = "Agent7-Total-Exact";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServletResponse response;
    private final Format format;
    private final String typeName;
    private final List<String> columns;
    private Writer out;
    private CsvWriter csv;

    /** @param columns the CSV columns after {@code _id}; unused for NDJSON */
    ExportResponse(HttpServletResponse response, Format format, String typeName, List<String> columns) {
        this.response = response;
        this.format = format;
        this.typeName = typeName;
        this.columns = columns;
    }

    @Override
    public void begin(SearchBackend.Total total) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(
                format == Format.CSV
                        ? "text/csv; charset=UTF-8; header=present"
                        : "application/x-ndjson; charset=UTF-8");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"" + typeName + "." + format.parameterValue() + "\"");
        response.setHeader(TOTAL, Long.toString(total.value()));
        response.setHeader(TOTAL_EXACT, Boolean.toString(total.exact()));
        out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        if (format == Format.CSV) {
            csv = new CsvWriter(out, columns);
            csv.header();
        }
    }

    @Override
    public void page(List<SearchBackend.Hit> hits) throws IOException {
        for (SearchBackend.Hit hit : hits) {
            if (csv != null) {
                csv.row(hit);
            } else {
                out.write(JSON.writeValueAsString(Items.of(hit)));
                out.write('\n');
            }
        }
        out.flush();
        response.flushBuffer();
    }

    /** After the last page. */
    void finish() throws IOException {
        if (out == null) {
            throw new IllegalStateException("The export of " + typeName + " ended before it began");
        }
        out.flush();
    }
}
