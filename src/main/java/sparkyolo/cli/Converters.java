package sparkyolo.cli;

import picocli.CommandLine;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.dist.WireFormat;
import sparkyolo.train.OptimizerName;

/** Flag values parsed into their types, refused with the flag's own choices. */
final class Converters {
    private Converters() {
    }

    /** {@code --optimizer SGD|Adam|AdamW}. */
    static final class Optimizer implements CommandLine.ITypeConverter<OptimizerName> {
        @Override
        public OptimizerName convert(String value) {
            try {
                return OptimizerName.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected one of " + OptimizerName.choices() + " but was '"
                        + value + "'");
            }
        }
    }

    /** {@code --grad-compression none|bf16|fp16}. */
    static final class GradCompression implements CommandLine.ITypeConverter<WireFormat> {
        @Override
        public WireFormat convert(String value) {
            try {
                return WireFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected one of none, bf16, fp16 but was '" + value + "'");
            }
        }
    }

    /** {@code --cache ram|disk}. */
    static final class Cache implements CommandLine.ITypeConverter<CacheMode> {
        @Override
        public CacheMode convert(String value) {
            try {
                return CacheMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected ram or disk but was '" + value + "'");
            }
        }
    }
}
