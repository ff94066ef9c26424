package io.agent7.schema.kibana;

import io.agent7.schema.Schema;
import io.agent7.schema.docs.GeneratedFile;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class KibanaSavedObjectsFileTest {

    @Test
    void checkedInSavedObjectsAreWhatTheSchemaGeneratesNow() throws IOException {
        GeneratedFile.assertUpToDate(
                KibanaSavedObjects.CHECKED_IN_FILE,
                new KibanaSavedObjects(Schema.standard()).ndjson(),
                KibanaSavedObjectsFileTest.class);
    }
}
