package dev.ripple.local.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's REPORT lines in both log formats, as AWS documents them. */
class ReportLineTest {

    @Test
    void aTextReportOfAnInitialisedColdStartGivesItsInitAndDuration() {
        assertThat(ReportLine.parse("REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be3\tDuration: 12.34 ms\t"
                + "Billed Duration: 13 ms\tMemory Size: 1536 MB\tMax Memory Used: 180 MB\tInit Duration: 1180.47 ms\t"))
                .contains(new ReportLine(12.34, 1180.47, 0));
    }

    @Test
    void aTextReportOfASnapStartRestoreGivesItsRestoreNotTheBilledOne() {
        assertThat(ReportLine.parse("REPORT RequestId: 1f7e7f0c-6b9a-4b7a-9a2f-0d6c1f3c2d11\tDuration: 37.56 ms\t"
                + "Billed Duration: 38 ms\tMemory Size: 1536 MB\tMax Memory Used: 101 MB\t"
                + "Restore Duration: 445.63 ms\tBilled Restore Duration: 239 ms\t"))
                .contains(new ReportLine(37.56, 0, 445.63));
    }

    @Test
    void aWarmTextReportIsNotACold() {
        assertThat(ReportLine.parse("REPORT RequestId: 5c3e\tDuration: 4.01 ms\tBilled Duration: 5 ms\t"
                + "Memory Size: 1536 MB\tMax Memory Used: 190 MB\t")).hasValueSatisfying(line -> {
                    assertThat(line.cold()).isFalse();
                    assertThat(line.durationMs()).isEqualTo(4.01);
                });
    }

    @Test
    void aJsonPlatformReportGivesTheSameFigures() {
        assertThat(ReportLine.parse("{\"time\":\"2026-11-30T10:00:00.000Z\",\"type\":\"platform.report\",\"record\":"
                + "{\"requestId\":\"6d68ca91\",\"metrics\":{\"durationMs\":37.56,\"billedDurationMs\":38,"
                + "\"memorySizeMB\":1536,\"maxMemoryUsedMB\":101,\"restoreDurationMs\":445.63},\"status\":\"success\"}}"))
                .contains(new ReportLine(37.56, 0, 445.63));
    }

    @Test
    void otherLinesAreNoReports() {
        assertThat(ReportLine.parse("START RequestId: 5c3e Version: 12")).isEmpty();
        assertThat(ReportLine.parse("{\"type\":\"platform.start\",\"record\":{}}")).isEmpty();
        assertThat(ReportLine.parse("{\"level\":\"INFO\",\"message\":\"Duration: 5 ms\"}")).isEmpty();
    }
}
