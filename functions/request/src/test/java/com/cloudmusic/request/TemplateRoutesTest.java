package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** template.yaml gives the request function exactly the routes it dispatches, no more, no fewer. */
class TemplateRoutesTest {

    @Test
    void template_declaresEveryRouteOfTheRequestFunction() throws Exception {
        String template = Files.readString(Path.of("../../template.yaml"));
        String block = template.substring(template.indexOf("\n  RequestFunction:"), template.indexOf("\n  GenerateFunction:"));
        Matcher route = Pattern.compile("Method: (\\w+), Path: (?:\"([^\"]+)\"|([^\"}\\s]+))}").matcher(block);
        List<String> declared = new ArrayList<>();
        while (route.find()) {
            declared.add(route.group(1) + " " + (route.group(2) != null ? route.group(2) : route.group(3)));
        }

        assertThat(declared).containsExactlyInAnyOrderElementsOf(RequestFunction.ROUTES);
    }
}
