package dev.berth.domain.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImageReferencePropertiesTest {

    @Property(tries = 1000)
    void parsingTheCanonicalFormGivesTheSameReference(@ForAll("references") ImageReference ref) {
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @Property(tries = 500)
    void normalisingIsIdempotent(@ForAll("referenceTexts") String text) {
        ImageReference once = ImageReference.parse(text);

        assertThat(ImageReference.parse(once.toString())).hasToString(once.toString());
    }

    @Property(tries = 500)
    void pinnedParsesBackToTheSameRepository(@ForAll("references") ImageReference ref) {
        ImageReference pinned = ImageReference.parse(ref.pinned());

        assertThat(pinned.repositoryUri()).isEqualTo(ref.repositoryUri());
        assertThat(pinned.digest()).isEqualTo(ref.digest());
    }

    @Provide
    Arbitrary<ImageReference> references() {
        return Combinators.combine(registries(), repositories(), tags().optional(), digests().optional())
                .filter((registry, repository, tag, digest) -> (registry + "/" + repository).length() <= 230)
                .as(ImageReference::new);
    }

    @Provide
    Arbitrary<String> referenceTexts() {
        Arbitrary<String> name = Arbitraries.oneOf(
                repositories().filter(path -> !ImageGrammar.looksLikeRegistry(path.split("/")[0]) || !path.contains("/")),
                Combinators.combine(registries(), repositories()).as((r, p) -> r + "/" + p));
        return Combinators.combine(name, tags().optional(), digests().optional())
                .as((n, t, d) -> n + t.map(x -> ":" + x).orElse("") + d.map(x -> "@" + x).orElse(""))
                .filter(text -> text.length() < 200);
    }

    private static Arbitrary<String> registries() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> dotted = label.list().ofMinSize(2).ofMaxSize(4).map(parts -> String.join(".", parts));
        Arbitrary<String> host = Arbitraries.oneOf(
                dotted,
                Arbitraries.of("localhost", "docker.io", "index.docker.io", "registry-1.docker.io", "public.ecr.aws", "[::1]"),
                Arbitraries.strings().numeric().ofLength(12).map(account -> account + ".dkr.ecr.us-east-1.amazonaws.com"));
        return Combinators.combine(host, Arbitraries.integers().between(1, 65535).optional())
                .as((h, port) -> h + port.map(p -> ":" + p).orElse(""));
    }

    private static Arbitrary<String> repositories() {
        Arbitrary<String> alnum = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--", "---");
        Arbitrary<String> component = Combinators.combine(alnum, Combinators.combine(separator, alnum).as(String::concat).list().ofMaxSize(2))
                .as((head, tail) -> head + String.join("", tail));
        return component.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts))
                .filter(path -> !ImageGrammar.isImageId(path));
    }

    private static Arbitrary<String> tags() {
        Arbitrary<Character> first = Arbitraries.chars().with("abcXYZ019_".toCharArray());
        Arbitrary<String> rest = Arbitraries.strings().withChars("abcdefXYZ0123456789_.-").ofMaxLength(20);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    private static Arbitrary<String> digests() {
        Arbitrary<String> sha256 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "sha256:" + hex);
        Arbitrary<String> sha512 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(128).map(hex -> "sha512:" + hex);
        Arbitrary<String> other = Combinators.combine(
                        Arbitraries.of(List.of("blake3", "multihash+base58", "sha3.256")),
                        Arbitraries.strings().withChars("abcXYZ019=_-").ofMinLength(32).ofMaxLength(48))
                .as((algorithm, encoded) -> algorithm + ":" + encoded);
        return Arbitraries.oneOf(sha256, sha512, other);
    }
}
