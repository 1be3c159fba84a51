package dev.berth.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassLoadBreakdownTest {

    @Test
    void countsEachLoadedClassOnceUnderTheLibraryThatWroteIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Files.writeString(log, """
                [0.010s][info][class,load] java.lang.Object source: shared objects file
                [0.020s][info][class,load] java.net.http.HttpClient source: jrt:/java.net.http
                [0.030s][info][class,load] java.lang.invoke.LambdaForm$MH/0x000000008c040800 source: __JVM_LookupDefineClass__
                [0.040s][info][class,load] dev.berth.handlers.ObserveStepHandler source: file:/tmp/berth-functions-lambda.jar
                [0.050s][info][class,load] dev.berth.engine.StepObserver$$Lambda/0x000000008c0075b8 source: dev.berth.engine.StepObserver
                [0.060s][info][class,load] com.fasterxml.jackson.databind.ObjectMapper source: file:/tmp/berth-functions-lambda.jar
                [0.070s][info][class,load] software.amazon.awssdk.regions.servicemetadata.EcsServiceMetadata source: file:/tmp/x.jar
                [0.080s][info][class,load] software.amazon.awssdk.regions.regionmetadata.UsEast1 source: file:/tmp/x.jar
                [0.090s][info][class,load] software.amazon.awssdk.services.ecs.DefaultEcsClient source: file:/tmp/x.jar
                [0.100s][info][class,load] software.amazon.awssdk.thirdparty.jackson.core.JsonFactory source: file:/tmp/x.jar
                [0.110s][info][class,load] software.amazon.awssdk.core.SdkBytes source: file:/tmp/x.jar
                [0.120s][info][class,load] org.crac.Core source: file:/tmp/x.jar
                [0.130s][info][gc] not a class load line
                """);

        assertThat(ClassLoadBreakdown.of(log)).containsExactly(
                entry("JDK", 3),
                entry("SDK: metadata of every AWS service", 1),
                entry("SDK: metadata of every region", 1),
                entry("SDK: the service clients and models", 1),
                entry("SDK: its shaded Jackson core", 1),
                entry("SDK: core, HTTP, auth, protocols", 1),
                entry("Jackson", 1),
                entry("Berth", 2),
                entry("other", 1));
    }

    private static java.util.Map.Entry<String, Integer> entry(String group, int count) {
        return java.util.Map.entry(group, count);
    }
}
