package dev.berth.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.trigger.PushDecision.Deploy;
import dev.berth.domain.trigger.PushDecision.Ignore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcrImageActionsTest {

    private static final String DIGEST = "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd12345678";
    private static final Instant TIME = Instant.parse("2025-11-16T01:54:34Z");

    /** A successful push, shaped like the event ECR sends to EventBridge. */
    private static EcrImageAction push() {
        return new EcrImageAction("13cde686-328b-6117-af20-0e5566167482", "aws.ecr", "ECR Image Action", "123456789012",
                "us-east-1", TIME, "PUSH", "SUCCESS", "shop/web", Optional.of("v1.4.3"), Optional.of(DIGEST));
    }

    private static EcrImageAction with(String field, String value) {
        EcrImageAction e = push();
        return new EcrImageAction(
                field.equals("id") ? value : e.eventId(),
                field.equals("source") ? value : e.source(),
                field.equals("detail-type") ? value : e.detailType(),
                field.equals("account") ? value : e.account(),
                field.equals("region") ? value : e.region(),
                e.time(),
                field.equals("action-type") ? value : e.actionType(),
                field.equals("result") ? value : e.result(),
                field.equals("repository-name") ? value : e.repositoryName(),
                field.equals("image-tag") ? Optional.ofNullable(value) : e.imageTag(),
                field.equals("image-digest") ? Optional.ofNullable(value) : e.imageDigest());
    }

    @Test
    void aSuccessfulTaggedPushDeploysTheEcrImage() {
        PushDecision decision = EcrImageActions.decide(push());

        assertThat(decision).isInstanceOfSatisfying(Deploy.class, deploy -> {
            ImagePush pushed = deploy.push();
            assertThat(pushed.image()).isEqualTo(ImageReference.parse(
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3@" + DIGEST));
            assertThat(pushed.image().repositoryUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web");
            assertThat(pushed.source()).isEqualTo("ecr");
            assertThat(pushed.eventId()).isEqualTo("13cde686-328b-6117-af20-0e5566167482");
            assertThat(pushed.pushedAt()).isEqualTo(TIME);
        });
    }

    @Test
    void aPushWithoutADigestDeploysByTag() {
        PushDecision decision = EcrImageActions.decide(with("image-digest", null));

        assertThat(decision).isInstanceOfSatisfying(Deploy.class, deploy ->
                assertThat(deploy.push().image().pinned())
                        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3"));
    }

    @Test
    void chinaRegionsUseTheirOwnDomain() {
        PushDecision decision = EcrImageActions.decide(with("region", "cn-north-1"));

        assertThat(decision).isInstanceOfSatisfying(Deploy.class, deploy ->
                assertThat(deploy.push().image().registry()).isEqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # field        | value              | reason
            source         | aws.s3             | not an ECR image action (source=aws.s3, detail-type=ECR Image Action)
            detail-type    | ECR Image Scan     | not an ECR image action (source=aws.ecr, detail-type=ECR Image Scan)
            source         |                    | not an ECR image action (source=null, detail-type=ECR Image Action)
            action-type    | DELETE             | ECR DELETE action: only pushes deploy
            action-type    | push               | ECR push action: only pushes deploy
            result         | FAILURE            | push of shop/web:v1.4.3 did not succeed (result FAILURE)
            image-tag      |                    | push by digest only (no tag): nothing follows an untagged image
            image-tag      | '  '               | push by digest only (no tag): nothing follows an untagged image
            """)
    void ignoresWhatIsNotASuccessfulTaggedPush(String field, String value, String reason) {
        assertThat(EcrImageActions.decide(with(field, value))).isEqualTo(new Ignore(reason));
    }

    @Test
    void aFailedDigestOnlyPushNamesTheDigest() {
        EcrImageAction failed = new EcrImageAction("e-1", "aws.ecr", "ECR Image Action", "123456789012", "us-east-1", TIME,
                "PUSH", "FAILURE", "shop/web", Optional.empty(), Optional.of(DIGEST));

        assertThat(EcrImageActions.decide(failed))
                .isEqualTo(new Ignore("push of shop/web@" + DIGEST + " did not succeed (result FAILURE)"));
    }

    @Test
    void ignoredEventsAreNotValidatedFurther() {
        EcrImageAction deleteWithoutAccount = new EcrImageAction("e-1", "aws.ecr", "ECR Image Action", null, null, null,
                "DELETE", "SUCCESS", null, null, null);

        assertThat(EcrImageActions.decide(deleteWithoutAccount)).isInstanceOf(Ignore.class);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # field          | value          | message
            repository-name  |                | ECR push event 13cde686-328b-6117-af20-0e5566167482 of (no repository):v1.4.3 has no detail.repository-name
            repository-name  | '  '           | has no detail.repository-name
            account          |                | of shop/web:v1.4.3 has no account
            account          | ''             | has no account
            region           |                | of shop/web:v1.4.3 has no region
            id               |                | ECR push event of shop/web:v1.4.3 has no id
            account          | 1234           | account '1234' is not a 12-digit AWS account id
            region           | US-EAST-1      | region 'US-EAST-1' is not an AWS region
            repository-name  | Shop/Web       | repository must be lower case
            image-digest     | sha256:abc     | digest 'sha256:abc' must be 'sha256:' and 64 lower-case hex digits
            image-digest     | sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | must be 'sha256:' and 64 lower-case hex digits
            image-digest     | md5:0123456789abcdef0123456789abcdef | must be 'sha256:' and 64 lower-case hex digits
            image-tag        | v1 .4          | tag 'v1 .4' must be 1-128
            """)
    void rejectsPushesMissingOrMangledFields(String field, String value, String message) {
        assertThatThrownBy(() -> EcrImageActions.decide(with(field, value)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsAPushWithoutATime() {
        EcrImageAction e = push();
        EcrImageAction timeless = new EcrImageAction(e.eventId(), e.source(), e.detailType(), e.account(), e.region(), null,
                e.actionType(), e.result(), e.repositoryName(), e.imageTag(), e.imageDigest());

        assertThatThrownBy(() -> EcrImageActions.decide(timeless))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no time");
    }

    @Test
    void absentOptionalsReadAsEmpty() {
        EcrImageAction e = new EcrImageAction("e", "aws.ecr", "ECR Image Action", "123456789012", "us-east-1", TIME,
                "PUSH", "SUCCESS", "web", null, Optional.of(""));

        assertThat(e.imageTag()).isEmpty();
        assertThat(e.imageDigest()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "123456789012, us-east-1, 123456789012.dkr.ecr.us-east-1.amazonaws.com",
        "123456789012, us-gov-west-1, 123456789012.dkr.ecr.us-gov-west-1.amazonaws.com",
        "123456789012, cn-northwest-1, 123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn",
    })
    void registryHostFollowsAccountAndRegion(String account, String region, String host) {
        assertThat(EcrImageActions.registry(account, region)).isEqualTo(host);
    }
}
