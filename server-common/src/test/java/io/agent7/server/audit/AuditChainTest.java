package io.agent7.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AuditChainTest {

    /** Records 1..n, chained as AuditLog writes them. */
    static List<ObjectNode> chain(int n) {
        List<ObjectNode> records = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            ObjectNode record = (ObjectNode) JsonTrees.read("{\"event\":{\"action\":\"login\",\"outcome\":\"success\"},"
                    + "\"user\":{\"name\":\"ann\"},\"audit\":{\"details\":{\"b\":\"2\",\"a\":\"1\"}}}");
            ObjectNode audit = (ObjectNode) record.get("audit");
            audit.put("seq", seq).put("prev_hash", previous).put("id", AuditLog.id(seq));
            String hash = AuditChain.hash(record);
            audit.put("hash", hash);
            records.add(record);
            previous = hash;
        }
        return records;
    }

    static AuditChain.Verdict walk(List<ObjectNode> records) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        records.forEach(verifier::accept);
        return verifier.verdict();
    }

    @Test
    void anIntactChainSaysWhereItEnds() {
        List<ObjectNode> records = chain(5);
        AuditChain.Verdict verdict = walk(records);
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.records()).isEqualTo(5);
        assertThat(verdict.last()).isEqualTo(5);
        assertThat(verdict.lastHash())
                .isEqualTo(records.get(4).path("audit").path("hash").asString());
        assertThat(walk(List.of()).last()).isZero();
    }

    @Test
    void theHashIgnoresKeyOrderButNotContent() {
        ObjectNode a = (ObjectNode) JsonTrees.read("{\"x\":{\"b\":1,\"a\":[1,\"é\"]},\"audit\":{\"hash\":\"h1\"}}");
        ObjectNode b = (ObjectNode) JsonTrees.read("{\"audit\":{\"hash\":\"other\"},\"x\":{\"a\":[1,\"é\"],\"b\":1}}");
        assertThat(AuditChain.hash(a)).isEqualTo(AuditChain.hash(b)).hasSize(64);
        ObjectNode c = (ObjectNode) JsonTrees.read("{\"x\":{\"b\":1,\"a\":[\"é\",1]},\"audit\":{}}");
        assertThat(AuditChain.hash(c)).isNotEqualTo(AuditChain.hash(a));
        assertThat(AuditChain.canonical(a)).isEqualTo("{\"audit\":{\"hash\":\"h1\"},\"x\":{\"a\":[1,\"é\"],\"b\":1}}");
    }

    @Test
    void anEditedRecordIsNamed() {
        List<ObjectNode> records = chain(5);
        ((ObjectNode) records.get(2).get("user")).put("name", "mallory");
        AuditChain.Verdict verdict = walk(records);
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.brokenAt()).isEqualTo(3);
        assertThat(verdict.problem()).contains("record 3 was edited");
        assertThat(verdict.last()).isEqualTo(2);
    }

    @Test
    void anEditThatAlsoRewritesTheHashBreaksTheNextLink() {
        List<ObjectNode> records = chain(5);
        ObjectNode third = records.get(2);
        ((ObjectNode) third.get("user")).put("name", "mallory");
        ((ObjectNode) third.get("audit")).put("hash", AuditChain.hash(third));
        AuditChain.Verdict verdict = walk(records);
        assertThat(verdict.brokenAt()).isEqualTo(4);
        assertThat(verdict.problem()).contains("record 4 does not follow record 3");
    }

    @Test
    void aDeletedRecordIsAGap() {
        List<ObjectNode> records = chain(6);
        records.remove(3);
        assertThat(walk(records).problem()).isEqualTo("record 4 is missing: record 5 follows record 3");
        records.remove(3);
        assertThat(walk(records).problem()).isEqualTo("record 4 to 5 are missing: record 6 follows record 3");
        List<ObjectNode> headless = chain(3);
        headless.remove(0);
        assertThat(walk(headless).brokenAt()).isEqualTo(1);
    }

    @Test
    void aDuplicatedRecordIsNamed() {
        List<ObjectNode> records = chain(3);
        records.add(2, records.get(1).deepCopy());
        assertThat(walk(records).problem()).contains("record 2 appears twice or out of order after record 2");
    }
}
