package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.daily.Post;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the text posted with a teaser: type, BPM, key, the prompt and the link, escaped for the
 * channel's markup and cut to its limit. Only the prompt is ever cut, and it is cut before it is
 * escaped, so an escape is never split and the link always survives.
 */
public final class Captions {

    /** Telegram audio captions: characters after entity parsing. */
    public static final int TELEGRAM_LIMIT = 1024;
    /** Discord message content: characters as sent. */
    public static final int DISCORD_LIMIT = 2000;
    /** Plain text (the outbox): long enough for any prompt. */
    public static final int PLAIN_LIMIT = 4096;

    private static final String ELLIPSIS = "…";
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);

    private Captions() {
    }

    /** Caption for Telegram's {@code parse_mode=HTML}. */
    public static String telegram(Post post) {
        return build(post, Markup.TELEGRAM_HTML, TELEGRAM_LIMIT);
    }

    /** Plain text without markup, as the outbox records it for people to read. */
    public static String plain(Post post) {
        return build(post, Markup.PLAIN, PLAIN_LIMIT);
    }

    /** Content for a Discord message; send it with {@code allowed_mentions: {parse: []}}. */
    public static String discord(Post post) {
        return build(post, Markup.DISCORD_MARKDOWN, DISCORD_LIMIT);
    }

    private static String build(Post post, Markup markup, int limit) {
        Objects.requireNonNull(post, "post == null");
        String prompt = post.prompt() == null ? "" : markup.neutralise(clean(post.prompt()));
        int[] codePoints = prompt.codePoints().toArray();
        String whole = render(post, markup, prompt);
        if (markup.length(whole) <= limit) {
            return whole;
        }
        // The longest cut prompt that still fits; length only grows with the cut, so bisect.
        int low = 0;
        int high = codePoints.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (markup.length(render(post, markup, cut(codePoints, mid))) <= limit) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        String caption = render(post, markup, low == 0 ? "" : cut(codePoints, low));
        if (markup.length(caption) > limit) {
            throw new IllegalArgumentException("caption without prompt exceeds " + limit + " characters");
        }
        return caption;
    }

    private static String cut(int[] codePoints, int count) {
        return new String(codePoints, 0, count).stripTrailing() + ELLIPSIS;
    }

    private static String render(Post post, Markup markup, String prompt) {
        StringBuilder header = new StringBuilder(markup.bold(markup.escape(typeLabel(post.type()))))
                .append(" · ").append(post.bpm()).append(" BPM");
        if (post.key() != null && !post.key().isBlank()) {
            header.append(" · ").append(markup.escape(clean(post.key())));
        }
        StringBuilder caption = new StringBuilder(header).append('\n');
        if (!prompt.isEmpty()) {
            caption.append(markup.italic(markup.escape(prompt))).append('\n');
        }
        return caption.append(markup.link(post.link())).toString();
    }

    private static String typeLabel(String type) {
        String label = clean(type);
        if (label.isEmpty()) {
            return "Loop";
        }
        return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1) + " loop";
    }

    // A line break in a prompt could start a Discord heading or quote and breaks the layout anywhere.
    private static String clean(String text) {
        return WHITESPACE.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }

    private enum Markup {
        TELEGRAM_HTML {
            @Override
            String escape(String text) {
                return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            }

            @Override
            String bold(String escaped) {
                return "<b>" + escaped + "</b>";
            }

            @Override
            String italic(String escaped) {
                return "<i>" + escaped + "</i>";
            }

            @Override
            String link(String url) {
                return escape(url);
            }

            @Override
            int length(String rendered) {
                // Telegram counts what is left after parsing: tags vanish, an entity is one character.
                String visible = HTML_TAG.matcher(rendered).replaceAll("");
                return visible.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").length();
            }
        },

        PLAIN {
            @Override
            String escape(String text) {
                return text;
            }

            @Override
            String bold(String escaped) {
                return escaped;
            }

            @Override
            String italic(String escaped) {
                return escaped;
            }

            @Override
            String link(String url) {
                return url;
            }

            @Override
            int length(String rendered) {
                return rendered.length();
            }
        },

        DISCORD_MARKDOWN {
            private static final String SPECIALS = "\\*_~`|>[]()#-";

            @Override
            String escape(String text) {
                StringBuilder out = new StringBuilder(text.length() + 16);
                text.codePoints().forEach(cp -> {
                    if (cp < 128 && SPECIALS.indexOf(cp) >= 0) {
                        out.append('\\');
                    }
                    out.appendCodePoint(cp);
                });
                return out.toString();
            }

            @Override
            String neutralise(String text) {
                // allowed_mentions already stops the ping; this also keeps the text from reading as one.
                return MASS_MENTION.matcher(text).replaceAll("@\u200B$1");
            }

            @Override
            String bold(String escaped) {
                return "**" + escaped + "**";
            }

            @Override
            String italic(String escaped) {
                return "_" + escaped + "_";
            }

            @Override
            String link(String url) {
                // Escaping would put backslashes into the URL; it is ours (PUBLIC_BASE_URL), not user text.
                return url;
            }

            @Override
            int length(String rendered) {
                return rendered.length();
            }
        };

        abstract String escape(String text);

        String neutralise(String text) {
            return text;
        }

        abstract String bold(String escaped);

        abstract String italic(String escaped);

        abstract String link(String url);

        abstract int length(String rendered);
    }
}
