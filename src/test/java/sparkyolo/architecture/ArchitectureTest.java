package sparkyolo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of the code base, checked by the build: the numeric core runs without Spark (so
 * it can be tested, reused and reasoned about alone), packages depend on each other without
 * cycles, the command line lives in one package, and library code logs instead of printing.
 */
@AnalyzeClasses(packages = "sparkyolo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The network, its loss, images, augmentation, weights, anchors and the tensor engine. */
    static final String[] NUMERIC_CORE = {"sparkyolo.model..", "sparkyolo.loss..", "sparkyolo.image..",
        "sparkyolo.data.augment..", "sparkyolo.weights..", "sparkyolo.anchors..", "sparkyolo.engine.."};

    @ArchTest
    static final ArchRule numericCoreImportsNoSpark = noClasses().that().resideInAnyPackage(NUMERIC_CORE)
            .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
            .because("the numeric core must run and be tested without Spark");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("sparkyolo.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commandLineOnlyInCli = noClasses().that().resideOutsideOfPackage("sparkyolo.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("commands and their options belong to sparkyolo.cli");

    @ArchTest
    static final ArchRule libraryCodeLogs = noClasses().that().resideOutsideOfPackage("sparkyolo.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("library code logs through Log4j2; only the command line writes to the console");
}
