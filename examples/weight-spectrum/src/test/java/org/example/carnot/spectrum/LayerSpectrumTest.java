package org.example.carnot.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Eigenvalues of W^T W against matrices whose spectrum is known by hand. */
class LayerSpectrumTest {

    @Test
    void eigenvaluesOfADiagonalMatrixAreItsSquaredEntries() {
        float[] w = {3, 0, 0, 0, -2, 0}; // 2 x 3, singular values 3 and 2
        assertArrayEquals(new double[] {4, 9}, LayerSpectrum.eigenvalues(w, 2, 3), 1e-9);
    }

    @Test
    void aRankOneMatrixHasOneNonZeroEigenvalue() {
        // W = u v^T with |u|^2 = 2, |v|^2 = 14: W^T W = |u|^2 v v^T has eigenvalues 0 and 28.
        float[] w = {1, 2, 3, 1, 2, 3};
        assertArrayEquals(new double[] {0, 28}, LayerSpectrum.eigenvalues(w, 2, 3), 1e-6);
    }
}
