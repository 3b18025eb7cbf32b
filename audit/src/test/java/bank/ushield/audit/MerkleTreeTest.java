package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for the standard 8-leaf RFC 6962/9162 test tree, copied from transparency-dev/merkle
 * proof/verify_test.go (variables leaves, roots, inclusionProofs, consistencyProofs; Apache-2.0), and the
 * corruption probes of the same file (wrong index, wrong size, flipped bit, truncated or padded proofs).
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    static final List<byte[]> LEAVES = List.of(h(""), h("00"), h("10"), h("2021"), h("3031"), h("40414243"),
            h("5051525354555657"), h("606162636465666768696a6b6c6d6e6f"));

    /** roots[i] is the root of the tree of the first i + 1 leaves. */
    static final List<byte[]> ROOTS = List.of(
            h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
            h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
            h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
            h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    /** Inclusion vectors: 1-based leaf number, tree size, proof (as in the Go source). */
    static Stream<Arguments> inclusionVectors() {
        return Stream.of(
                Arguments.of(1, 1, List.of()),
                Arguments.of(1, 8, hs("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(6, 8, hs("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(3, 3, hs("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(2, 5, hs("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));
    }

    static Stream<Arguments> consistencyVectors() {
        return Stream.of(
                Arguments.of(1, 1, List.of()),
                Arguments.of(1, 8, hs("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(6, 8, hs("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 5, hs("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(6, 7, hs("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    private static List<byte[]> leafHashes(int n) {
        return LEAVES.subList(0, n).stream().map(MerkleTree::leafHash).toList();
    }

    @Test
    void rootsOfTheReferenceTreeMatchTheKnownAnswers() {
        assertThat(MerkleTree.root(List.of())).isEqualTo(h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leafHashes(n)))).as("root of %d leaves", n)
                    .isEqualTo(HEX.formatHex(ROOTS.get(n - 1)));
        }
    }

    @Test
    void incrementalFrontierGivesTheSameRootsAndNodes() {
        Frontier f = Frontier.EMPTY;
        for (int n = 1; n <= 8; n++) {
            f = f.append(MerkleTree.leafHash(LEAVES.get(n - 1)), null).frontier();
            assertThat(f.root()).isEqualTo(ROOTS.get(n - 1));
            Frontier reloaded = Frontier.load(n, MerkleTree.inMemory(leafHashes(n)));
            assertThat(reloaded.root()).isEqualTo(ROOTS.get(n - 1));
        }
    }

    @ParameterizedTest(name = "inclusion of leaf {0} in tree of {1}")
    @MethodSource("inclusionVectors")
    void inclusionProofsAreGeneratedAndVerifiedAsPublished(int leafNumber, int size, List<byte[]> expected) {
        long index = leafNumber - 1;
        List<byte[]> leaves = leafHashes(size);
        List<byte[]> proof = MerkleTree.inclusionProof(MerkleTree.inMemory(leaves), index, size);
        assertThat(proof).map(HEX::formatHex).containsExactlyElementsOf(expected.stream().map(HEX::formatHex).toList());
        byte[] root = ROOTS.get(size - 1);
        byte[] leaf = leaves.get((int) index);
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, expected, root)).isTrue();

        // Corrupted proofs must all fail (probes as in transparency-dev/merkle corruptInclusionProof).
        assertThat(MerkleTree.verifyInclusion(index - 1, size, leaf, expected, root)).as("index - 1").isFalse();
        assertThat(MerkleTree.verifyInclusion(index + 1, size, leaf, expected, root)).as("index + 1").isFalse();
        assertThat(MerkleTree.verifyInclusion(index ^ 2, size, leaf, expected, root)).as("index ^ 2").isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size * 2L, leaf, expected, root)).as("size * 2").isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size / 2, leaf, expected, root)).as("size / 2").isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, "WrongLeaf".getBytes(), expected, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, expected, MerkleTree.emptyRoot())).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, plus(expected, root), root)).as("trailing root").isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, plus(expected, new byte[0]), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, prepend(root, expected), root)).as("preceding root").isFalse();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, flipBit(expected, i), root))
                    .as("flipped bit in proof[%d]", i).isFalse();
        }
        if (!expected.isEmpty()) {
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, expected.subList(0, expected.size() - 1), root))
                    .as("removed component").isFalse();
        }
    }

    @ParameterizedTest(name = "consistency {0} -> {1}")
    @MethodSource("consistencyVectors")
    void consistencyProofsAreGeneratedAndVerifiedAsPublished(int size1, int size2, List<byte[]> expected) {
        List<byte[]> proof = MerkleTree.consistencyProof(MerkleTree.inMemory(leafHashes(size2)), size1, size2);
        assertThat(proof).map(HEX::formatHex).containsExactlyElementsOf(expected.stream().map(HEX::formatHex).toList());
        byte[] root1 = ROOTS.get(size1 - 1);
        byte[] root2 = ROOTS.get(size2 - 1);
        assertThat(MerkleTree.verifyConsistency(size1, size2, expected, root1, root2)).isTrue();
        if (expected.isEmpty()) {
            return;
        }
        // Corrupted proofs (probes as in transparency-dev/merkle corruptConsistencyProof) must all fail.
        assertThat(MerkleTree.verifyConsistency(size1 - 1, size2, expected, root1, root2)).as("size1 - 1").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1 + 1, size2, expected, root1, root2)).as("size1 + 1").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1 ^ 2, size2, expected, root1, root2)).as("size1 ^ 2").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2 * 2, expected, root1, root2)).as("size2 * 2").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2 / 2, expected, root1, root2)).as("size2 / 2").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, expected, root2, root1)).as("swapped roots").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, expected, "WrongRoot".getBytes(), root2)).isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, List.of(), root1, root2)).as("empty proof").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, plus(expected, root1), root1, root2)).as("trailing root1").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, plus(expected, root2), root1, root2)).as("trailing root2").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, prepend(root1, expected), root1, root2)).as("preceding root1").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, prepend(expected.get(0), expected), root1, root2))
                .as("preceding proof[0]").isFalse();
        assertThat(MerkleTree.verifyConsistency(size1, size2, expected.subList(0, expected.size() - 1), root1, root2))
                .as("truncated").isFalse();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(MerkleTree.verifyConsistency(size1, size2, flipBit(expected, i), root1, root2))
                    .as("flipped bit in proof[%d]", i).isFalse();
        }
    }

    @Test
    void everyProofOfLargerTreesVerifies() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        MerkleTree.Nodes nodes = MerkleTree.inMemory(leaves);
        for (int n = 1; n <= leaves.size(); n++) {
            byte[] root = MerkleTree.root(leaves.subList(0, n));
            for (int m = 0; m < n; m++) {
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get(m), MerkleTree.inclusionProof(nodes, m, n), root)).isTrue();
                byte[] root1 = MerkleTree.root(leaves.subList(0, m + 1));
                assertThat(MerkleTree.verifyConsistency(m + 1, n, MerkleTree.consistencyProof(nodes, m + 1, n), root1, root))
                        .as("consistency %d -> %d", m + 1, n).isTrue();
            }
        }
    }

    private static List<byte[]> flipBit(List<byte[]> proof, int i) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = proof.get(i).clone();
        changed[0] ^= 16;
        copy.set(i, changed);
        return copy;
    }

    private static List<byte[]> plus(List<byte[]> proof, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(extra);
        return copy;
    }

    private static List<byte[]> prepend(byte[] extra, List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>();
        copy.add(extra);
        copy.addAll(proof);
        return copy;
    }

    static byte[] h(String hex) {
        return HEX.parseHex(hex);
    }

    static List<byte[]> hs(String... hex) {
        return Stream.of(hex).map(HEX::parseHex).toList();
    }
}
