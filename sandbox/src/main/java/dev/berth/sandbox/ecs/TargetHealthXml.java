package dev.berth.sandbox.ecs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Writes a DescribeTargetHealth answer in the ELBv2 query-protocol XML that the SDKs parse. */
final class TargetHealthXml {

    static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private TargetHealthXml() {}

    /**
     * @param targets   the target group's targets
     * @param requested the {@code Targets} of the request (id, optional port); when given, only those are
     *                  described, and one that is not registered shows as {@code unused} like on AWS
     */
    static String describeTargetHealth(List<TargetView> targets, List<Map<String, String>> requested) {
        StringBuilder xml = new StringBuilder()
                .append("<DescribeTargetHealthResponse xmlns=\"").append(NAMESPACE).append("\">")
                .append("<DescribeTargetHealthResult><TargetHealthDescriptions>");
        if (requested.isEmpty()) {
            targets.forEach(target -> member(xml, target.id(), target.port(), target.state().apiName(),
                    target.state().reason(), target.state().description()));
        } else {
            for (Map<String, String> wanted : requested) {
                String id = wanted.getOrDefault("Id", "");
                Optional<Integer> port = Optional.ofNullable(wanted.get("Port")).map(Integer::valueOf);
                List<TargetView> matching = targets.stream()
                        .filter(target -> target.id().equals(id) && port.map(p -> p == target.port()).orElse(true))
                        .toList();
                if (matching.isEmpty()) {
                    member(xml, id, port.orElse(0), "unused", Optional.of("Target.NotRegistered"),
                            Optional.of("Target is not registered to the target group"));
                }
                matching.forEach(target -> member(xml, target.id(), target.port(), target.state().apiName(),
                        target.state().reason(), target.state().description()));
            }
        }
        return xml.append("</TargetHealthDescriptions></DescribeTargetHealthResult>")
                .append("<ResponseMetadata><RequestId>").append(UUID.randomUUID()).append("</RequestId></ResponseMetadata>")
                .append("</DescribeTargetHealthResponse>")
                .toString();
    }

    private static void member(StringBuilder xml, String id, int port, String state, Optional<String> reason,
                               Optional<String> description) {
        xml.append("<member><Target><Id>").append(escape(id)).append("</Id>");
        if (port > 0) {
            xml.append("<Port>").append(port).append("</Port>");
        }
        xml.append("</Target>");
        if (port > 0) {
            xml.append("<HealthCheckPort>").append(port).append("</HealthCheckPort>");
        }
        xml.append("<TargetHealth><State>").append(state).append("</State>");
        reason.ifPresent(code -> xml.append("<Reason>").append(escape(code)).append("</Reason>"));
        description.ifPresent(text -> xml.append("<Description>").append(escape(text)).append("</Description>"));
        xml.append("</TargetHealth></member>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
