//! Prints what ingest makes of files: metadata and text.
//!
//! cargo run --no-default-features --example ingest_file -- FILE...

fn main() {
    for arg in std::env::args().skip(1) {
        match claimline::ingest::read_path(std::path::Path::new(&arg)) {
            Ok(docs) => {
                for d in docs {
                    println!(
                        "== {arg}\ntitle: {}\noutlet: {:?}\nauthors: {:?}\nurl: {:?}",
                        d.title, d.outlet, d.authors, d.url
                    );
                    println!(
                        "published: {:?} from {:?}\nlanguage: {:?}\n",
                        d.published.map(|p| p.value.to_string()),
                        d.published_from,
                        d.language
                    );
                    println!("{}\n", d.text);
                }
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
