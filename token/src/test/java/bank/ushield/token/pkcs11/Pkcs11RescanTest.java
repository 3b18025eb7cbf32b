package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.Events;
import bank.ushield.token.TokenEvent;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenSession;

/**
 * SoftHSM2 2.6.1 enumerates its tokens only at C_Initialize: a token made by softhsm2-util after that is invisible
 * to getSlotList until the module is re-initialised. The adapter re-initialises when it is idle and a wanted token
 * is missing; these tests prove a token created after the JVM's C_Initialize is found and watched.
 */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11RescanTest {

    @Test
    void aTokenInitialisedAfterTheModuleIsFoundByItsSerial(SoftHsmToken first) {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(first.modulePath());
        assertThat(port.find(first.serial())).isPresent();
        SoftHsmToken late = SoftHsm.initToken("late-" + System.nanoTime() % 100000);
        try {
            try (TokenSession s = port.open(late.serial())) {
                assertThat(s.info().label()).isEqualTo(late.label());
                s.login(late.userPinChars());
                assertThat(s.objects()).isEmpty();
            }
        } finally {
            SoftHsm.deleteToken(late);
        }
        assertThat(port.presentTokens()).extracting(TokenInfo::serial).doesNotContain(late.serial());
    }

    @Test
    void aReaderLookingForAListedTokenSkipsTheRescanAndOneLookingForAMissingTokenRescans(SoftHsmToken first) {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(first.modulePath());
        assertThat(port.presentTokens(first.serial())).extracting(TokenInfo::serial).contains(first.serial());
        SoftHsmToken late = SoftHsm.initToken("late-" + System.nanoTime() % 100000);
        try {
            // first is listed: no C_Initialize, so the token made since stays unseen (SoftHSM2 lists at initialise)
            assertThat(port.presentTokens(first.serial())).extracting(TokenInfo::serial).doesNotContain(late.serial());
            assertThat(port.presentTokens(late.serial())).extracting(TokenInfo::serial)
                    .contains(first.serial(), late.serial());
        } finally {
            SoftHsm.deleteToken(late);
        }
    }

    @Test
    void theWatcherReportsInsertionAndRemoval(SoftHsmToken first) throws Exception {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(first.modulePath());
        List<TokenEvent> events = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = port.watch(events::add, java.time.Duration.ofMillis(100))) {
            Events.await(events, TokenEvent.Type.INSERTED, first.serial());
            Path tokens = first.confFile().getParent().resolve("tokens");
            Set<Path> before = folders(tokens);
            SoftHsmToken other = SoftHsm.initToken("watched-" + System.nanoTime() % 100000);
            Events.await(events, TokenEvent.Type.INSERTED, other.serial());
            // "Pull it out": move its folder away in one atomic rename. softhsm2-util --delete-token races with the
            // watcher's rescan (SoftHSM2 touches the folder while reading it) and can fail to remove the folder.
            Set<Path> added = folders(tokens);
            added.removeAll(before);
            assertThat(added).hasSize(1);
            Path pulled = tokens.getParent().resolve("pulled-" + added.iterator().next().getFileName());
            Files.move(added.iterator().next(), pulled, StandardCopyOption.ATOMIC_MOVE);
            Events.await(events, TokenEvent.Type.REMOVED, other.serial());
        }
    }

    private static Set<Path> folders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).collect(Collectors.toCollection(HashSet::new));
        }
    }
}
