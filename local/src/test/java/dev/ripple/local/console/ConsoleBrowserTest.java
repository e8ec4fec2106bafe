package dev.ripple.local.console;

import dev.ripple.local.stream.EventSourceMapping;
import dev.ripple.test.Loopback;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console at {@code /console} in a real, headless Chromium against a stack in this JVM: what a developer debugging
 * a stream sees, live, without reloading. Each test leaves a screenshot in {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {
    private static final Duration LIVE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private RippleStack stack;
    private HeadlessChromium browser;

    @BeforeEach
    void startTheBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        browser.close();
        if (stack != null) {
            stack.close();
        }
    }

    private void open(String path) {
        browser.driver().get(stack.url().resolve(path).toString());
        browser.waitUpTo(LIVE).until(d -> d.findElement(By.id("live")).getText().equals("live"));
    }

    private void tab(String name) {
        browser.driver().findElement(By.cssSelector("#tabs button[data-tab='" + name + "']")).click();
    }

    /** A row of the changes table as it stood when read: the table is redrawn as updates come. */
    private record Row(String eventId, String text, String type, Map<String, String> outcomes) {
    }

    private Row changeRow(String keyPart, String state) {
        return browser.waitUpTo(LIVE).until(d -> {
            for (WebElement row : d.findElements(By.cssSelector("#change-table tbody tr"))) {
                if (row.findElement(By.className("keys")).getText().contains(keyPart)
                        && state.equals(row.getDomAttribute("data-state"))) {
                    Map<String, String> outcomes = new LinkedHashMap<>();
                    row.findElements(By.cssSelector("[data-sink]")).forEach(sink ->
                            outcomes.put(sink.getDomAttribute("data-sink"), sink.getDomAttribute("data-outcome")));
                    return new Row(row.getDomAttribute("data-event-id"), row.getText(),
                            row.findElement(By.className("type")).getText(), outcomes);
                }
            }
            return null;
        });
    }

    /**
     * The text of the first item of an effects list that contains {@code containing}, and of each of its parts named,
     * read inside the wait: the console redraws every effects list as each effect arrives, so an item found a moment
     * earlier is stale by the time the next effect of any sink shows (the wait retries a stale read).
     */
    private List<String> effect(String list, String containing, By... parts) {
        return browser.waitUpTo(LIVE).until(d -> d.findElements(By.cssSelector("#" + list + " li")).stream()
                .filter(li -> li.getText().contains(containing)).findFirst()
                .map(li -> {
                    List<String> texts = new ArrayList<>(List.of(li.getText()));
                    for (By part : parts) {
                        texts.add(li.findElement(part).getText());
                    }
                    return texts;
                })
                .orElse(null));
    }

    private void clickIn(By row, String button) {
        browser.waitUpTo(LIVE).until(d -> {
            d.findElement(row).findElement(By.cssSelector(button)).click();
            return true;
        });
    }

    private void openDetail(Row row) {
        browser.waitUpTo(LIVE).until(d -> {
            d.findElement(By.cssSelector("#change-table tr[data-event-id='" + row.eventId() + "']")).click();
            return d.findElement(By.id("detail")).isDisplayed();
        });
    }

    private String castVote(String contentId, String voter) {
        return (String) stack.post("/votes", Map.of("contentId", contentId, "voteType", "thumbsup", "voter", voter))
                .get("voteId");
    }

    @Test
    void aPostedVoteAppearsLiveWithItsRouteBatchAndSlackMessage() {
        stack = RippleStack.builder().withSlack().start();
        open("/console");
        String content = "issue-" + UUID.randomUUID().toString().substring(0, 6);

        String voteId = castVote(content, "ada");

        Row row = changeRow(voteId, "delivered");
        assertThat(row.type()).isEqualTo("vote");
        assertThat(row.outcomes()).containsEntry("slack", "delivered").containsEntry("audit", "delivered");
        assertThat(row.text()).contains("INSERT", "batch of 1", "invocation 1", "acknowledged");
        openDetail(row);
        WebElement detail = browser.driver().findElement(By.id("detail"));
        assertThat(detail.findElement(By.cssSelector("tr[data-attribute='contentId'] td.after")).getText())
                .isEqualTo("\"" + content + "\"");
        browser.screenshot(SCREENSHOTS.resolve("changes.png"));
        browser.driver().findElement(By.id("close-detail")).click();
        tab("sinks");
        List<String> message = effect("slack", content, By.cssSelector(".slack-text b"), By.className("slack-source"));
        // Slack's mrkdwn rendered: *content* in bold, and the text as sent beside it.
        assertThat(message.get(1)).isEqualTo(content);
        assertThat(message.get(2)).isEqualTo("👍 for *" + content + "* from ada");
        assertThat(stack.slack().receivedTexts()).contains("👍 for *" + content + "* from ada");
        assertThat(effect("audit", voteId).getFirst()).contains("\"eventName\":\"INSERT\"", "\"type\":\"vote\"");
        browser.screenshot(SCREENSHOTS.resolve("sinks.png"));
        @SuppressWarnings("unchecked")
        List<String> foreign = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => !n.startsWith(location.origin))");
        assertThat(foreign).as("nothing from the network").isEmpty();
    }

    @Test
    void eachSinkShowsWhatItDidAndTheChangesCanBeFilteredBySinkTypeAndKey() throws Exception {
        stack = RippleStack.builder().withSlack().properties(Map.of(
                "ripple.sinks.eventbridge.enabled", true,
                "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                "ripple.routes.vote.sinks", List.of("slack", "eventbridge"),
                "ripple.routes.customer.events", List.of("INSERT"),
                "ripple.routes.customer.sinks", List.of("welcome-email"),
                "ripple.routes.play.events", List.of("INSERT"),
                "ripple.routes.play.sinks", List.of("badges"),
                "ripple.routes.badge.events", List.of("INSERT"),
                "ripple.routes.badge.sinks", List.of("slack"))).start();
        open("/console");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String player = "player-" + run;

        String voteId = castVote("issue-" + run, "ada");
        stack.post("/customers", Map.of("email", "ada-" + run + "@example.com", "name", "Ada <b>" + run + "</b>"));
        stack.post("/players/" + player + "/plays", Map.of("gameId", "chess", "playedAt", "2026-11-01T18:00:00Z"));

        tab("sinks");
        browser.waitUpTo(LIVE).until(d -> d.findElements(By.cssSelector("#badges dd[data-badge='first-play']")).size() == 1
                && d.findElement(By.cssSelector("#badges dt")).getText().equals(player));
        assertThat(effect("events", voteId).getFirst()).contains("vote.INSERT", "from ripple.local");
        By email = By.xpath("//*[@id='emails']/li[contains(., 'ada-" + run + "')]//iframe");
        List<String> frame = browser.waitUpTo(LIVE).until(d -> {
            WebElement iframe = d.findElement(email);
            return List.of(String.valueOf(iframe.getDomAttribute("sandbox")), iframe.getDomProperty("src"));
        });
        assertThat(frame.getFirst()).as("no scripts, no same origin").isEmpty();
        String src = frame.get(1);
        HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).startsWith("sandbox;").contains("default-src 'none'"));
        assertThat(html.body()).contains("Ada &lt;b&gt;" + run);
        // The frame is redrawn with its list too, so it is entered, read and left inside one wait.
        String shownInFrame = browser.waitUpTo(LIVE).until(d -> {
            d.switchTo().frame(d.findElement(email));
            try {
                String body = d.findElement(By.tagName("body")).getText();
                return body.isBlank() ? null : body;
            } finally {
                d.switchTo().defaultContent();
            }
        });
        assertThat(shownInFrame).contains("Ada <b>" + run + "</b>");
        assertThat(effect("emails", "ada-" + run).getFirst()).as("who it came from, as sent")
                .contains("from Ripple <welcome@ripple.local> · to ada-" + run + "@example.com");
        browser.screenshot(SCREENSHOTS.resolve("sinks-all.png"));

        tab("changes");
        browser.waitUpTo(LIVE).until(d -> !d.findElements(By.cssSelector("#filter-sink option[value='welcome-email']"))
                .isEmpty());
        browser.screenshot(SCREENSHOTS.resolve("changes-all.png"));
        new Select(browser.driver().findElement(By.id("filter-sink")))
                .selectByValue("welcome-email");
        browser.waitUpTo(LIVE).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#change-table tbody tr"));
            return rows.size() == 1 && rows.getFirst().findElement(By.className("type")).getText().equals("customer");
        });
        new Select(browser.driver().findElement(By.id("filter-sink"))).selectByValue("");
        browser.driver().findElement(By.id("filter-key")).sendKeys("PLAYER#" + player);
        browser.waitUpTo(LIVE).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#change-table tbody tr"));
            return rows.size() == 2 && rows.stream().allMatch(row -> row.getText().contains(player));
        });
        tab("shards");
        // The text is read inside the wait: the console redraws the table as it polls, which can leave a row found
        // a moment earlier stale (it failed a clean run once that way); the wait retries a stale read.
        String shard = browser.waitUpTo(LIVE).until(d -> d.findElements(By.cssSelector("#shard-table tbody tr"))
                .stream().findFirst().map(WebElement::getText).orElse(null));
        assertThat(shard).contains("shardId-", "acknowledged");
    }

    @Test
    void aFailureAppearsAndRedriveDeliversItOnceTheSlackStandInIsFixed() {
        stack = RippleStack.builder().withSlack().start();
        stack.slack().answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        open("/console");
        String content = "broken-" + UUID.randomUUID().toString().substring(0, 6);

        String voteId = castVote(content, "ada");

        assertThat(changeRow(voteId, "failed").outcomes()).containsEntry("slack", "permanent");
        tab("failures");
        // The failures table is redrawn whenever the failure files change: its row is looked up for each use.
        By document = By.xpath("//*[@id='failure-table']/tbody/tr[contains(., '" + voteId + "')]");
        String reason = browser.waitUpTo(LIVE).until(d -> d.findElement(document).findElement(By.className("reason"))
                .getText());
        assertThat(reason).contains("channel_not_found");
        assertThat(browser.driver().findElement(By.id("failure-count")).getText()).isEqualTo("1");
        browser.screenshot(SCREENSHOTS.resolve("failures.png"));
        clickIn(document, "button.show");
        String shown = browser.waitUpTo(LIVE).until(d -> {
            WebElement json = d.findElement(By.id("failure-document"));
            return json.isDisplayed() && !json.getText().isBlank() ? json.getText() : null;
        });
        assertThat(shown).contains("\"PermanentFailure\"", "channel_not_found", "\"Records\"", voteId);
        // The stand-in answers 200 again from here on: the webhook is fixed.

        clickIn(document, "button.redrive");

        String output = browser.waitUpTo(LIVE).until(d -> {
            WebElement said = d.findElement(By.id("redrive-output"));
            return said.isDisplayed() && !said.getText().isBlank() ? said.getText() : null;
        });
        assertThat(output).contains("1 document(s) redriven, 0 not", "(exit 0)");
        browser.waitUpTo(LIVE).until(d -> d.findElement(By.id("failure-count")).getText().equals("0"));
        assertThat(stack.failureFiles()).isEmpty();
        tab("changes");
        assertThat(changeRow(voteId, "delivered").outcomes()).containsEntry("slack", "delivered");
        assertThat(stack.slack().receivedTexts()).containsOnlyOnce("👍 for *" + content + "* from ada");
    }

    @Test
    void aChangeHandedBackUntriedShowsWhyInTheColourOfARetryBesideTheOneThatFailed(@TempDir Path dir)
            throws IOException {
        // Retried whole until Slack answers, never bisected: the second vote stays untried behind the first.
        Path settings = Files.writeString(dir.resolve("event-source-mapping.json"), """
                {"batch_size": 100, "maximum_batching_window_in_seconds": 0, "starting_position": "TRIM_HORIZON",
                 "bisect_batch_on_function_error": false, "maximum_retry_attempts": -1,
                 "function_response_types": ["ReportBatchItemFailures"], "filters_from_routes": true,
                 "on_failure_destination": "s3"}""");
        stack = RippleStack.builder().withSlack().properties(Map.of("ripple.local.event-source-mapping",
                settings.toString(), "ripple.local.start-mapping", false)).start();
        IntStream.range(0, 5_000).forEach(i -> stack.slack().answerNext(SlackStandIn.Answer.of(500, "internal_error")));
        open("/console");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String failing = castVote("first-" + run, "ada");
        String waiting = castVote("second-" + run, "grace");

        stack.bean(EventSourceMapping.class).start();

        assertThat(changeRow(failing, "retrying").outcomes()).containsEntry("slack", "retry");
        Row untried = changeRow(waiting, "retrying");
        assertThat(untried.outcomes()).containsEntry("slack", "untried");
        By slackOutcome = By.cssSelector("#change-table tr[data-event-id='" + untried.eventId()
                + "'] [data-sink='slack']");
        List<String> shown = browser.waitUpTo(LIVE).until(d -> {
            WebElement outcome = d.findElement(slackOutcome);
            return List.of(outcome.getText(), outcome.getCssValue("background-color"),
                    String.valueOf(outcome.getDomAttribute("title")));
        });
        assertThat(shown).containsExactly("slack: untried", "rgba(255, 246, 220, 1)",
                "not posted: an earlier message of this batch must be retried first");
        browser.screenshot(SCREENSHOTS.resolve("untried.png"));
    }

    @Test
    void aHostileVoteRendersAsTextEverywhereAndNeverBecomesAnElement() throws Exception {
        stack = RippleStack.builder().withSlack().start();
        open("/console");
        String hostile = "<img src=x onerror=\"window.pwned=1\">";
        Map<String, Object> vote = stack.post("/votes", Map.of("contentId", "xss", "voteType", "thumbsup",
                "voter", hostile));
        String voteId = (String) vote.get("voteId");
        stack.http().toBlocking().exchange(io.micronaut.http.HttpRequest.PUT("/votes/" + voteId + "/answers",
                        Map.of("answers", Map.of("Why?", "<script>window.pwned=2</script>")))
                .header("If-Match", "\"1\"").header("Vote-Token", (String) vote.get("editToken")));

        Row modified = browser.waitUpTo(LIVE).until(d -> {
            Row row = changeRow(voteId, "delivered");
            return row.text().contains("MODIFY") ? row : null;
        });
        openDetail(modified);
        tab("sinks");
        browser.waitUpTo(LIVE).until(d -> d.findElements(By.cssSelector("#slack li")).stream()
                .anyMatch(li -> li.getText().contains("<script>window.pwned=2</script>")));

        var page = (JavascriptExecutor) browser.driver();
        assertThat(page.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("main img, aside img, main script, aside script")))
                .isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-attribute='voter'] td.after")).getText())
                .isEqualTo("\"<img src=x onerror=\\\"window.pwned=1\\\">\"");
        assertThat(browser.driver().findElement(By.id("slack")).getText()).contains(hostile);
        HttpResponse<String> console = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stack.url().resolve("/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'", "default-src 'none'").doesNotContain("unsafe"));
    }

    @Test
    void thePageReconnectsAfterTheStackRestartsAndShowsWhatTheNewOneDoes() {
        // The stack starts again on the same port: one no outgoing connection can be handed meanwhile.
        int port = Loopback.freePort();
        String table = "console-restart-" + UUID.randomUUID();
        stack = RippleStack.builder().withSlack().property("micronaut.server.port", port)
                .property("ripple.table.name", table).start();
        open("/console");
        changeRow(castVote("before-restart", "ada"), "delivered");
        stack.close();
        browser.waitUpTo(LIVE).until(d -> d.findElement(By.id("live")).getText().equals("reconnecting…"));

        stack = RippleStack.builder().withSlack().property("micronaut.server.port", port)
                .property("ripple.table.name", table).start();
        browser.waitUpTo(LIVE).until(d -> d.findElement(By.id("live")).getText().equals("live"));
        String after = castVote("after-restart", "ada");

        changeRow(after, "delivered");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(stack.url().resolve("/console").toString());
    }

    @Test
    void theApiDocsPageLoadsTheOpenApiDocumentFromTheStackWithNothingFromTheNetwork() {
        stack = RippleStack.builder().start();
        browser.driver().get(stack.url().resolve("/console/api-docs.html").toString());

        var page = (JavascriptExecutor) browser.driver();
        String operations = (String) browser.waitUpTo(LIVE).until(d -> {
            Object text = page.executeScript("const doc = document.getElementById('rapidoc');"
                    + " return doc && doc.shadowRoot ? doc.shadowRoot.textContent : null");
            return text instanceof String s && s.contains("/votes") ? s : null;
        });
        assertThat(operations).contains("/customers", "/players/{playerId}/plays");
        String tokenState = browser.waitUpTo(LIVE).until(d -> {
            String said = d.findElement(By.id("token-state")).getText();
            return said.isBlank() ? null : said;
        });
        assertThat(tokenState).contains("local token");
        // RapiDoc's own "try" on a route that needs a token and an Idempotency-Key: a play for a player of this test.
        String player = "docs-" + UUID.randomUUID().toString().substring(0, 6);
        Object tried = page.executeAsyncScript("""
                const [player, done] = arguments;
                const doc = document.getElementById('rapidoc');
                doc.addEventListener('after-try', e => done(e.detail.response.status));
                const operation = [...doc.shadowRoot.querySelectorAll('api-request')].find(request =>
                    request.getAttribute('method') === 'post' && request.getAttribute('path') === '/players/{playerId}/plays');
                const form = operation.shadowRoot;
                const playerId = form.querySelector("input[data-pname='playerId']");
                playerId.value = player;
                playerId.dispatchEvent(new Event('input', {bubbles: true}));
                const body = form.querySelector('textarea.request-body-param-user-input');
                body.value = JSON.stringify({gameId: 'chess', playedAt: '2026-11-01T18:00:00Z'});
                body.dispatchEvent(new Event('input', {bubbles: true}));
                [...form.querySelectorAll('button')].find(button => button.textContent.trim() === 'TRY').click();
                """, player);
        assertThat(tried).isEqualTo(201L);
        assertThat(stack.get("/players/" + player + "/plays").toString()).contains("chess");
        @SuppressWarnings("unchecked")
        List<String> foreign = (List<String>) page.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => !n.startsWith(location.origin))");
        assertThat(foreign).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("api-docs.png"));
    }
}
