package sparkyolo.data.augment;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** 3×3 homogeneous transforms of the plane, row-major {@code double[3][3]}. */
final class Matrix3 {
    private Matrix3() {
    }

    static double[][] identity() {
        return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    static double[][] translation(double tx, double ty) {
        return new double[][] {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}};
    }

    /** The product of the matrices, left to right ({@code a @ b @ c} applies c first). */
    static double[][] product(double[][]... ms) {
        double[][] out = ms[0];
        for (int k = 1; k < ms.length; k++) {
            double[][] m = ms[k];
            double[][] p = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    p[i][j] = out[i][0] * m[0][j] + out[i][1] * m[1][j] + out[i][2] * m[2][j];
                }
            }
            out = p;
        }
        return out;
    }

    static boolean isIdentity(double[][] m) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (m[i][j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first {@code rows} rows as a CV_64F Mat (2 for warpAffine, 3 for warpPerspective). */
    static Mat toMat(double[][] m, int rows) {
        Mat out = new Mat(rows, 3, CvType.CV_64F);
        for (int i = 0; i < rows; i++) {
            out.put(i, 0, m[i]);
        }
        return out;
    }
}
