//! The share link as a QR code: its modules, and an SVG path that draws them (with the quiet zone a
//! reader needs), so a class can scan the projector and get the same run on their phones.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white border around the code (the standard's quiet zone).
pub const QUIET_ZONE: usize = 4;

/// A QR code: `width` × `width` modules, row by row, `true` for dark.
#[derive(Clone, Debug, PartialEq)]
pub struct QrMatrix {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// The QR code of `text` (medium error correction: it survives a projector's glare), or `None` when
/// the text is too long for any QR code.
pub fn qr(text: &str) -> Option<QrMatrix> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some(QrMatrix { width, dark })
}

impl QrMatrix {
    /// The side in modules, quiet zone included (the SVG's viewBox).
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// One SVG path drawing every dark module as a unit square, offset by the quiet zone.
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for (index, &dark) in self.dark.iter().enumerate() {
            if dark {
                let (x, y) = (
                    index % self.width + QUIET_ZONE,
                    index / self.width + QUIET_ZONE,
                );
                path.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the code as a grey image (`scale` pixels a module, quiet zone white) and reads it back
    /// with rqrr, a decoder that shares nothing with the encoder.
    fn read_back(matrix: &QrMatrix, scale: usize) -> String {
        let side = matrix.side() * scale;
        let pixel = |x: usize, y: usize| {
            let (mx, my) = (x / scale, y / scale);
            let inside = (QUIET_ZONE..QUIET_ZONE + matrix.width).contains(&mx)
                && (QUIET_ZONE..QUIET_ZONE + matrix.width).contains(&my);
            let dark = inside && matrix.dark[(my - QUIET_ZONE) * matrix.width + mx - QUIET_ZONE];
            if dark {
                0u8
            } else {
                255u8
            }
        };
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, pixel);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        let (_, content) = grids[0].decode().expect("the code decodes");
        content
    }

    #[test]
    fn a_share_link_reads_back_from_its_qr_code() {
        for link in [
            "http://127.0.0.1:8080/relu-lab/?v=1",
            "https://example.org/courses/relu-lab/?v=1&preset=standardized&hidden=8,8,4&act=leaky_relu&lr=0.003&sweep=lr:0.001|0.01|0.1&seeds=200&vs=v%3D1%26data%3Darange%26out%3Drelu%26decay%3D0%26metric%3Daccuracy&lang=zh&class=1",
        ] {
            let matrix = qr(link).expect("a link fits in a QR code");
            assert_eq!(read_back(&matrix, 4), link);
        }
    }

    #[test]
    fn the_svg_path_draws_every_dark_module_once() {
        let matrix = qr("relu-lab").unwrap();
        let squares = matrix.svg_path().matches('M').count();
        assert_eq!(squares, matrix.dark.iter().filter(|&&d| d).count());
        assert!(qr(&"x".repeat(5000)).is_none(), "too long for any QR code");
    }
}
