package dev.sandboxer.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point inward (DESIGN §2): the rules that keep the engine independent of its edges. */
@AnalyzeClasses(packages = "dev.sandboxer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreNeverSeesAConcreteExtensionOrTheCli = noClasses()
            .that().resideInAPackage("dev.sandboxer.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sandboxer.ext..", "dev.sandboxer.cli..",
                    "dev.sandboxer.tck..", "dev.sandboxer.server..");

    @ArchTest
    static final ArchRule theSpiDependsOnTheJdkOnly = noClasses()
            .that().resideInAPackage("dev.sandboxer.spi..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.sandboxer.spi..", "java..");

    @ArchTest
    static final ArchRule theModelDependsOnNothingButTheSpi = noClasses()
            .that().resideInAPackage("dev.sandboxer.core.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sandboxer.core.engine..",
                    "dev.sandboxer.core.store..", "dev.sandboxer.core.profile..", "dev.sandboxer.core.routing..");

    @ArchTest
    static final ArchRule theStoreKnowsNothingOfTheEngine = noClasses()
            .that().resideInAPackage("dev.sandboxer.core.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sandboxer.core.engine..",
                    "dev.sandboxer.core.routing..", "dev.sandboxer.core.profile..");

    @ArchTest
    static final ArchRule corePackagesHaveNoCycles = slices().matching("dev.sandboxer.core.(*)..")
            .should().beFreeOfCycles();
}
