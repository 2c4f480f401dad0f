package com.cloudmusic.local.web;

import com.cloudmusic.local.LocalRunner;
import com.cloudmusic.local.RunnerClient;
import com.cloudmusic.local.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every browser test class shares: one local runner and one headless Chromium per class, and a
 * new caller per test (its own User-Agent, so its own free allowance, and cleared site storage).
 */
@ExtendWith(RequiresChromium.class)
abstract class BrowserSession {

    static HeadlessChromium chromium;
    static LocalRunner runner;
    WebAppPage page;
    RunnerClient api;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.start();
        runner = TestRunners.inMemory();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @BeforeEach
    void newCaller() {
        String userAgent = chromium.newCaller(runner.url());
        page = new WebAppPage(chromium.driver(), runner.url());
        api = new RunnerClient(runner.url(), userAgent);
    }
}
