package dev.onair.apiserver.admission;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;

/**
 * The CEL environment of x-kubernetes-validations: {@code self} and {@code oldSelf} (typed dyn,
 * where kube types them from the schema), the standard macros and functions, and the cel-go
 * extensions kube-apiserver adds (strings, sets, lists, math, encoders, bindings, optionals), plus
 * the Kubernetes list and regex functions of {@link KubeFunctions}.
 */
final class CelEnvironment {
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .enableOptionalSyntax(true)
          .build();

  /** Rules whose oldSelf, when used, is the old value itself. */
  static final Cel RULES = build(false);

  /** Rules with {@code optionalOldSelf: true}: oldSelf is an optional, none on create. */
  static final Cel OPTIONAL_OLD_SELF_RULES = build(true);

  private CelEnvironment() {}

  private static Cel build(boolean optionalOldSelf) {
    return CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(
            CelExtensions.strings(),
            CelExtensions.sets(OPTIONS),
            CelExtensions.lists(),
            CelExtensions.math(OPTIONS),
            CelExtensions.encoders(OPTIONS),
            CelExtensions.bindings(),
            CelExtensions.optional())
        .addRuntimeLibraries(
            CelExtensions.strings(),
            CelExtensions.sets(OPTIONS),
            CelExtensions.lists(),
            CelExtensions.math(OPTIONS),
            CelExtensions.encoders(OPTIONS),
            CelExtensions.optional())
        .addFunctionDeclarations(KubeFunctions.declarations())
        .addFunctionBindings(KubeFunctions.bindings())
        .addVar("self", SimpleType.DYN)
        .addVar("oldSelf", optionalOldSelf ? OptionalType.create(SimpleType.DYN) : SimpleType.DYN)
        .build();
  }
}
