package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import bank.ushield.db.IdentityDocumentType;
import bank.ushield.idverification.DocumentType;

/** The stored doc_type values and the rules' document types are converted by name: they must stay one list. */
class DocumentTypeNamesTest {

    @Test
    void theStoredAndTheRulesDocumentTypesHaveTheSameNames() {
        assertThat(Arrays.stream(IdentityDocumentType.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DocumentType.values()).map(Enum::name).toList());
    }
}
