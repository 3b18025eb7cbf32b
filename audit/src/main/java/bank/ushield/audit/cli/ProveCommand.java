package bank.ushield.audit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.TreeHead;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit prove}: prints an inclusion or consistency proof (RFC 9162) and checks it. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Prints the inclusion proof of --entry in the tree of --size entries, or with --from the "
                + "consistency proof from --from entries to --size entries.")
final class ProveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true)
    Path db;

    @Option(names = "--size", description = "Tree size (default: the whole log).")
    Long size;

    @Option(names = "--entry", description = "Entry sequence number for an inclusion proof.")
    Long entry;

    @Option(names = "--from", description = "Older tree size for a consistency proof.")
    Long from;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HexFormat hex = HexFormat.of();
        // A missing, empty or foreign file is refused before anything opens it for writing (issue 21).
        String notAuditLog = AuditVerifier.notAnAuditLog(db);
        if (notAuditLog != null) {
            spec.commandLine().getErr().println("Not an audit log: " + notAuditLog);
            return VerifyCommand.UNREADABLE;
        }
        // Read-only and never migrated: proving from the evidence must not change it (issue 21).
        try (AuditLog log = AuditLog.readOnly(db)) {
            long n = size == null ? log.size() : size;
            TreeHead head = log.treeHead(n);
            out.printf("tree size %d root %s%n", n, head.rootHex());
            boolean ok;
            List<byte[]> proof;
            if (entry != null) {
                byte[] leaf = log.entry(entry).orElseThrow().leafHash();
                proof = log.inclusionProof(entry, n);
                ok = MerkleTree.verifyInclusion(entry, n, leaf, proof, head.rootHash());
                out.printf("inclusion of entry %d (leaf %s)%n", entry, hex.formatHex(leaf));
            } else if (from != null) {
                TreeHead old = log.treeHead(from);
                proof = log.consistencyProof(from, n);
                ok = MerkleTree.verifyConsistency(from, n, proof, old.rootHash(), head.rootHash());
                out.printf("consistency from size %d root %s%n", from, old.rootHex());
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give --entry or --from");
            }
            proof.forEach(p -> out.println(hex.formatHex(p)));
            out.println(ok ? "proof checks" : "PROOF DOES NOT CHECK");
            return ok ? 0 : 1;
        }
    }
}
