package sparkyolo.anchors;

/**
 * The arithmetic one of the original's anchor metrics runs in: float32 when all its operands are
 * float32 torch tensors, float64 when a numpy float64 array (the new anchors) promotes them.
 */
enum Precision {
    FLOAT32 {
        @Override
        double round(double v) {
            return (float) v;
        }
    },
    FLOAT64 {
        @Override
        double round(double v) {
            return v;
        }
    };

    /**
     * The value as this precision holds it. A quotient of float32 values computed in double and
     * rounded once is the float32 quotient: double carries more than twice float's 24 bits.
     */
    abstract double round(double v);
}
