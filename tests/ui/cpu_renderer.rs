//! A CPU renderer for egui_kittest snapshots: rasterises egui's tessellated meshes the way
//! its GPU back ends do (premultiplied alpha, blended in gamma space, bilinear texture
//! filtering), so snapshot tests need no GPU, no Vulkan/Mesa install in CI, and give the same
//! pixels on every machine. The wgpu renderer kittest ships would need all three.
//!
//! Triangles are filled by pixel centres with edge functions; anti-aliasing comes from egui's
//! own feathering (a one-pixel alpha fringe in the meshes), as on the GPU.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, ImageData, Primitive, TextureId, Vertex};
use egui::{Color32, TexturesDelta};
use egui_kittest::TestRenderer;

struct Texture {
    size: [usize; 2],
    pixels: Vec<Color32>,
    linear: bool,
}

impl Texture {
    /// Premultiplied RGBA in 0..=1 at texture coordinates `uv`.
    fn sample(&self, uv: egui::Pos2) -> [f32; 4] {
        let [w, h] = self.size;
        let texel = |x: isize, y: isize| {
            let x = x.clamp(0, w as isize - 1) as usize;
            let y = y.clamp(0, h as isize - 1) as usize;
            let c = self.pixels[y * w + x];
            [c.r(), c.g(), c.b(), c.a()].map(|v| f32::from(v) / 255.0)
        };
        let (x, y) = (uv.x * w as f32 - 0.5, uv.y * h as f32 - 0.5);
        if !self.linear {
            return texel(x.round() as isize, y.round() as isize);
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let (a, b, c, d) = (
            texel(x0, y0),
            texel(x0 + 1, y0),
            texel(x0, y0 + 1),
            texel(x0 + 1, y0 + 1),
        );
        std::array::from_fn(|i| {
            let top = a[i] + (b[i] - a[i]) * fx;
            let bottom = c[i] + (d[i] - c[i]) * fx;
            top + (bottom - top) * fy
        })
    }
}

#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<TextureId, Texture>,
}

impl CpuRenderer {
    pub fn new() -> Self {
        Self::default()
    }
}

impl TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        for (id, deltas) in &delta.set {
            for d in deltas {
                let ImageData::Color(image) = &d.image;
                let (size, pixels) = (image.size, &image.pixels);
                let linear = d.options.magnification == egui::TextureFilter::Linear;
                match (d.pos, self.textures.get_mut(id)) {
                    (Some([px, py]), Some(t)) => {
                        for y in 0..size[1] {
                            for x in 0..size[0] {
                                let (tx, ty) = (px + x, py + y);
                                if tx < t.size[0] && ty < t.size[1] {
                                    t.pixels[ty * t.size[0] + tx] = pixels[y * size[0] + x];
                                }
                            }
                        }
                    }
                    _ => {
                        let texture = Texture {
                            size,
                            pixels: pixels.clone(),
                            linear,
                        };
                        self.textures.insert(*id, texture);
                    }
                }
            }
        }
        for id in &delta.free {
            self.textures.remove(id);
        }
        delta.clear();
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * ppp;
        let (w, h) = (size.x.round() as usize, size.y.round() as usize);
        // Premultiplied RGBA, 0..=1, starting transparent black like a cleared GPU target.
        let mut target = vec![[0.0_f32; 4]; w * h];
        let primitives = ctx.tessellate(output.shapes.clone(), ppp);
        for ClippedPrimitive {
            clip_rect,
            primitive,
        } in &primitives
        {
            let Primitive::Mesh(mesh) = primitive else {
                return Err("paint callbacks are not supported by the CPU renderer".into());
            };
            let texture = self
                .textures
                .get(&mesh.texture_id)
                .ok_or_else(|| format!("unknown texture {:?}", mesh.texture_id))?;
            let clip = [
                (clip_rect.min.x * ppp).round().max(0.0) as usize,
                (clip_rect.min.y * ppp).round().max(0.0) as usize,
                ((clip_rect.max.x * ppp).round().max(0.0) as usize).min(w),
                ((clip_rect.max.y * ppp).round().max(0.0) as usize).min(h),
            ];
            for tri in mesh.indices.chunks_exact(3) {
                let v = |i: u32| &mesh.vertices[i as usize];
                fill_triangle(
                    &mut target,
                    w,
                    clip,
                    [v(tri[0]), v(tri[1]), v(tri[2])],
                    ppp,
                    texture,
                );
            }
        }
        let mut image = image::RgbaImage::new(w as u32, h as u32);
        for (pixel, c) in image.pixels_mut().zip(&target) {
            // Store unmultiplied, as a screenshot of the window would be (opaque here).
            let a = c[3];
            let un = |v: f32| {
                if a > 0.0 {
                    (v / a).clamp(0.0, 1.0)
                } else {
                    0.0
                }
            };
            *pixel = image::Rgba([
                (un(c[0]) * 255.0).round() as u8,
                (un(c[1]) * 255.0).round() as u8,
                (un(c[2]) * 255.0).round() as u8,
                (a.clamp(0.0, 1.0) * 255.0).round() as u8,
            ]);
        }
        Ok(image)
    }
}

fn fill_triangle(
    target: &mut [[f32; 4]],
    width: usize,
    clip: [usize; 4],
    v: [&Vertex; 3],
    ppp: f32,
    texture: &Texture,
) {
    let p = v.map(|v| v.pos * ppp);
    let edge = |a: egui::Pos2, b: egui::Pos2, x: f32, y: f32| {
        (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)
    };
    let area = edge(p[0], p[1], p[2].x, p[2].y);
    if area.abs() < 1e-12 {
        return;
    }
    let min_x = p
        .iter()
        .map(|q| q.x)
        .fold(f32::MAX, f32::min)
        .floor()
        .max(0.0) as usize;
    let max_x = p
        .iter()
        .map(|q| q.x)
        .fold(f32::MIN, f32::max)
        .ceil()
        .max(0.0) as usize;
    let min_y = p
        .iter()
        .map(|q| q.y)
        .fold(f32::MAX, f32::min)
        .floor()
        .max(0.0) as usize;
    let max_y = p
        .iter()
        .map(|q| q.y)
        .fold(f32::MIN, f32::max)
        .ceil()
        .max(0.0) as usize;
    let colors = v.map(|v| {
        let c = v.color;
        [c.r(), c.g(), c.b(), c.a()].map(|x| f32::from(x) / 255.0)
    });
    for y in min_y.max(clip[1])..max_y.min(clip[3]) {
        for x in min_x.max(clip[0])..max_x.min(clip[2]) {
            let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
            let w0 = edge(p[1], p[2], cx, cy) / area;
            let w1 = edge(p[2], p[0], cx, cy) / area;
            let w2 = 1.0 - w0 - w1;
            // Top-left rule approximated by a tiny tolerance: shared edges are drawn once
            // or twice, which only matters for translucent seams egui avoids anyway.
            if w0 < -1e-5 || w1 < -1e-5 || w2 < -1e-5 {
                continue;
            }
            let uv = v[0].uv.to_vec2() * w0 + v[1].uv.to_vec2() * w1 + v[2].uv.to_vec2() * w2;
            let texel = texture.sample(uv.to_pos2());
            let dst = &mut target[y * width + x];
            let src: [f32; 4] = std::array::from_fn(|i| {
                (colors[0][i] * w0 + colors[1][i] * w1 + colors[2][i] * w2) * texel[i]
            });
            let keep = 1.0 - src[3];
            for i in 0..4 {
                dst[i] = src[i] + dst[i] * keep;
            }
        }
    }
}
