package images

import (
	"bytes"
	"encoding/binary"
)

// Strip returns data, a JPEG or a PNG, without the metadata a camera or a
// phone writes into it: EXIF (with its GPS position), XMP, IPTC and
// comments. The pixels are not touched: the image data is copied as it is.
// The color profile (ICC), the JFIF/Adobe markers and the EXIF orientation
// (alone, in an EXIF segment of its own), which change how the image looks,
// are kept: a phone's photo stored sideways still shows upright where it is
// linked or used as a cover. Anything else is returned unchanged; so is a
// file Strip cannot follow to its end.
//
// Hand-written because no maintained pure-Go library removes segments
// without decoding and re-encoding the image, which would cost quality.
func Strip(data []byte) []byte {
	switch {
	case isJPEG(data):
		if out, ok := stripJPEG(data); ok {
			return out
		}
	case isPNG(data):
		if out, ok := stripPNG(data); ok {
			return out
		}
	}
	return data
}

func isJPEG(b []byte) bool { return len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF }

var pngSig = []byte("\x89PNG\r\n\x1a\n")

func isPNG(b []byte) bool { return bytes.HasPrefix(b, pngSig) }

// stripJPEG drops APP1 (EXIF, XMP), APP13 (IPTC), COM and the APP2 MPF
// index segments before the start of scan, putting an EXIF segment with the
// orientation alone in the place of one that turned the image, and drops
// whatever follows the image's end: the preview or depth images a camera
// or phone appends (MPF), each with EXIF of its own, and vendor trailers.
func stripJPEG(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return nil, false
		}
		m := b[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0xDA { // start of scan: image data up to the end of image
			return append(out, b[i:imageEnd(b, i)]...), true
		}
		if m == 0x01 || (m >= 0xD0 && m <= 0xD7) { // markers without a length
			out = append(out, b[i:i+2]...)
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(b) {
			return nil, false
		}
		switch {
		case m == 0xE2 && bytes.HasPrefix(b[i+4:end], []byte("MPF\x00")):
			// The index of the appended images, which are dropped.
		case m != 0xE1 && m != 0xED && m != 0xFE:
			out = append(out, b[i:end]...)
		case m == 0xE1 && bytes.HasPrefix(b[i+4:end], exifHeader):
			if o := tiffOrientation(b[i+4+len(exifHeader) : end]); o != 1 {
				out = append(out, orientationSegment(o)...)
			}
		}
		i = end
	}
	return nil, false
}

// imageEnd returns where the JPEG image whose first scan starts at i ends:
// just past its end-of-image marker, or len(b) when there is none (a file
// cut short keeps all it has). Entropy-coded data holds no 0xFF but as
// 0xFF00 or a restart marker; a progressive image's further tables and
// scans are segments with a length, each followed by its data.
func imageEnd(b []byte, i int) int {
	for i+1 < len(b) {
		if b[i] != 0xFF {
			k := bytes.IndexByte(b[i:], 0xFF)
			if k < 0 {
				return len(b)
			}
			i += k
			continue
		}
		switch m := b[i+1]; {
		case m == 0xD9:
			return i + 2
		case m == 0xFF: // fill byte
			i++
		case m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7): // stuffed 0xFF, restart markers
			i += 2
		default:
			if i+4 > len(b) {
				return len(b)
			}
			n := int(binary.BigEndian.Uint16(b[i+2:]))
			if n < 2 {
				return len(b)
			}
			i += 2 + n
		}
	}
	return len(b)
}

var exifHeader = []byte("Exif\x00\x00")

// orientationSegment is a JPEG APP1 segment of EXIF that holds the
// orientation o and nothing else: one IFD of one entry.
func orientationSegment(o int) []byte {
	seg := []byte{0xFF, 0xE1, 0, 0}
	seg = append(seg, exifHeader...)
	seg = append(seg, "MM\x00\x2a\x00\x00\x00\x08"...) // big-endian TIFF, first IFD at 8
	seg = append(seg, 0, 1)                            // one entry
	seg = append(seg, 0x01, 0x12, 0, 3, 0, 0, 0, 1)    // Orientation, SHORT, count 1
	seg = append(seg, 0, byte(o), 0, 0)                // its value, left-justified
	seg = append(seg, 0, 0, 0, 0)                      // no next IFD
	binary.BigEndian.PutUint16(seg[2:], uint16(len(seg)-2))
	return seg
}

// stripPNG drops the eXIf, tEXt, zTXt, iTXt and tIME chunks.
func stripPNG(b []byte) ([]byte, bool) {
	out := append(make([]byte, 0, len(b)), pngSig...)
	i := len(pngSig)
	for i+12 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[i:]))
		end := i + 12 + n
		if n < 0 || end > len(b) {
			return nil, false
		}
		switch string(b[i+4 : i+8]) {
		case "eXIf", "tEXt", "zTXt", "iTXt", "tIME":
		default:
			out = append(out, b[i:end]...)
		}
		if string(b[i+4:i+8]) == "IEND" {
			return out, true
		}
		i = end
	}
	return nil, false
}

// Orientation returns the EXIF orientation of a JPEG (1–8; 1 is upright),
// 1 when it has none or it cannot be read.
func Orientation(b []byte) int {
	if !isJPEG(b) {
		return 1
	}
	i := 2
	for i+4 <= len(b) && b[i] == 0xFF {
		m := b[i+1]
		if m == 0xDA || m == 0xD9 {
			return 1
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(b) {
			return 1
		}
		if m == 0xE1 && n > 8 && bytes.HasPrefix(b[i+4:end], exifHeader) {
			return tiffOrientation(b[i+4+len(exifHeader) : end])
		}
		i = end
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF header.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[off:]))
	for k := 0; k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}
