package dev.sandboxer.transport.ssh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Host keys are always checked: no production class may use MINA's accept-everything verifiers. */
@AnalyzeClasses(packages = "dev.sandboxer", importOptions = ImportOption.DoNotIncludeTests.class)
class NoAcceptAllTest {

    @ArchTest
    static final ArchRule noAcceptAllHostKeyVerifier = noClasses().should().dependOnClassesThat()
            .haveSimpleNameStartingWith("AcceptAll")
            .because("a host key is pinned when the host is added and strictly checked after (docs/hosts.md)");
}
