package io.idmint.examples.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Spring Boot and Hibernate snippets are this example's code: each code block that follows a
 * {@code <!-- snippet: PATH#TAG -->} line must equal the region between {@code tag::TAG[]} and
 * {@code end::TAG[]} in that file (which the build compiles, and the tests run), so the two cannot drift.
 */
class ReadmeSnippetsTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetIsTheTaggedRegionOfItsSource() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = SNIPPET.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String file = m.group(1);
            String tag = m.group(2);
            assertThat(m.group(3)).as("README snippet %s#%s", file, tag).isEqualTo(region(ROOT.resolve(file), tag));
            checked.add(file + "#" + tag);
        }
        assertThat(checked).as("snippets found in README.md").contains(
                "examples/spring-boot-jpa/pom.xml#bom", "examples/spring-boot-jpa/pom.xml#starter",
                "examples/spring-boot-jpa/src/main/java/io/idmint/examples/jpa/Order.java#entity",
                "examples/spring-boot-jpa/src/main/java/io/idmint/examples/jpa/IdController.java#inject",
                "examples/spring-boot-jpa/src/main/resources/application.yaml#idmint",
                "examples/spring-boot-jpa/src/test/java/io/idmint/examples/jpa/PlainHibernateTest.java#plain");
    }

    /** The lines between the tag's markers, without the indentation they share, each ending in a newline. */
    static String region(Path file, String tag) throws Exception {
        List<String> lines = Files.readAllLines(file);
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + tag + "[]")) {
                from = i + 1;
            } else if (lines.get(i).contains("end::" + tag + "[]")) {
                to = i;
            }
        }
        assertThat(from).as("tag::%s[] in %s", tag, file).isPositive();
        assertThat(to).as("end::%s[] in %s", tag, file).isGreaterThan(from);
        List<String> region = lines.subList(from, to);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : region) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }
}
