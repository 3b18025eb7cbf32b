package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import bank.ushield.db.Branch;
import bank.ushield.idverification.eligibility.EligibilityPolicy;

/** The branch zone has one default: the eligibility policy ships the same one that db's tools fall back on. */
class BranchZoneTest {

    @Test
    void theShippedPolicyZoneIsTheDefaultBranchZone() {
        assertThat(EligibilityPolicy.defaults().zone()).isEqualTo(Branch.DEFAULT_ZONE);
    }
}
