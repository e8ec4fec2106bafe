package dev.ripple.local.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What a long backfill shows while it runs: a line that redraws itself on a terminal, plain lines otherwise. */
class BackfillProgressTest {

    @Test
    void aLineSaysHowManyWereDeliveredHowFastAndHowMuchOfTheTableIsLeft() {
        var err = new StringWriter();
        var progress = new BackfillCommand.Progress(new PrintWriter(err), false, "backfill");
        progress.tableItems(1_000);

        progress.add(250, 40);

        assertThat(err.toString()).startsWith("backfill: 40 item(s) delivered, ")
                .contains("; 250 of ~1,000 scanned, about ").contains(" left").endsWith(System.lineSeparator());
    }

    @Test
    void onATerminalTheLineRedrawsItselfAndEndsWithANewLine() {
        var err = new StringWriter();
        var progress = new BackfillCommand.Progress(new PrintWriter(err), true, "backfill");

        progress.add(10, 10);
        progress.end();

        assertThat(err.toString()).startsWith("\rbackfill: 10 item(s) delivered").endsWith(System.lineSeparator());
    }
}
