package com.cloudmusic.publish.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.publish.daily.Post;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BROKEN_ENTITY = Pattern.compile("&(?!amp;|lt;|gt;)");
    private static final Pattern UNESCAPED_DISCORD_SPECIAL = Pattern.compile("(?<!\\\\)[*_~`|\\[\\]()#-]");

    /** What a Telegram user sees: tags gone, each entity one character. */
    private static String visible(String html) {
        return TAG.matcher(html).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void telegram_showsTypeBpmKeyPromptAndLink() {
        String caption = Captions.telegram(Posts.withPrompt("Latin acoustic pop"));

        assertThat(caption).isEqualTo("<b>Bass loop</b> · 120 BPM · F#m\n"
                + "<i>Latin acoustic pop</i>\n"
                + Posts.LINK.replace("&", "&amp;"));
    }

    @Test
    void telegram_escapesHtmlSpecialsInPrompt() {
        String caption = Captions.telegram(Posts.withPrompt("a <b>bold</b> & \"quoted\" > idea"));

        assertThat(caption).contains("<i>a &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" &gt; idea</i>");
    }

    @Test
    void telegram_cutsLongPromptWithHtmlSpecials_to1024VisibleChars_keepingLink() {
        String prompt = "<&>".repeat(667).substring(0, 2000);

        String caption = Captions.telegram(Posts.withPrompt(prompt));

        assertThat(visible(caption)).hasSizeLessThanOrEqualTo(Captions.TELEGRAM_LIMIT).hasSizeGreaterThan(1000);
        assertThat(caption).endsWith("\n" + Posts.LINK.replace("&", "&amp;"));
        assertThat(caption).contains("…</i>");
        assertThat(BROKEN_ENTITY.matcher(caption).find()).as("an entity was cut").isFalse();
    }

    @Test
    void telegram_keepsPromptWhole_whenItFits() {
        String prompt = "x".repeat(900);

        String caption = Captions.telegram(Posts.withPrompt(prompt));

        assertThat(caption).contains("<i>" + prompt + "</i>").doesNotContain("…");
    }

    @Test
    void telegram_omitsPromptLine_whenPromptIsNull() {
        String caption = Captions.telegram(Posts.withPrompt(null));

        assertThat(caption).isEqualTo("<b>Bass loop</b> · 120 BPM · F#m\n" + Posts.LINK.replace("&", "&amp;"));
    }

    @Test
    void telegram_flattensLineBreaksInPrompt() {
        String caption = Captions.telegram(Posts.withPrompt("line one\n\n  line two\r\n"));

        assertThat(caption).contains("<i>line one line two</i>");
    }

    @Test
    void discord_escapesMarkdownInPromptAndKey() {
        String caption = Captions.discord(Posts.withPrompt("**bold** _it_ ~s~ `c` |x| > [l](u) # - \\"));

        assertThat(caption).isEqualTo("**Bass loop** · 120 BPM · F\\#m\n"
                + "_\\*\\*bold\\*\\* \\_it\\_ \\~s\\~ \\`c\\` \\|x\\| \\> \\[l\\]\\(u\\) \\# \\- \\\\_\n"
                + Posts.LINK);
    }

    @Test
    void discord_neutralisesEveryoneAndHereMentions() {
        String caption = Captions.discord(Posts.withPrompt("hey @everyone and @here"));

        assertThat(caption).doesNotContain("@everyone", "@here").contains("@\u200Beveryone", "@\u200Bhere");
    }

    @Test
    void discord_cutsLongPromptWithMarkdownSpecials_to2000Chars_keepingLink() {
        String prompt = "*_-".repeat(1000);

        String caption = Captions.discord(Posts.withPrompt(prompt));

        assertThat(caption).hasSizeLessThanOrEqualTo(Captions.DISCORD_LIMIT).hasSizeGreaterThan(1900);
        assertThat(caption).endsWith("\n" + Posts.LINK);
        String promptLine = caption.split("\n")[1];
        assertThat(promptLine).endsWith("…_");
        String cutPrompt = promptLine.substring(1, promptLine.length() - 2);
        assertThat(UNESCAPED_DISCORD_SPECIAL.matcher(cutPrompt).find()).as("an escape was cut").isFalse();
    }

    @Test
    void captions_neverCutTheLink_evenForAnOverlongPrompt() {
        Post post = Posts.withPrompt("word ".repeat(2000));

        assertThat(Captions.telegram(post)).endsWith(Posts.LINK.replace("&", "&amp;"));
        assertThat(Captions.discord(post)).endsWith(Posts.LINK);
    }
}
