//! Runs that must give the same bits on every path the lab trains on: natively with AVX2, natively
//! with the portable kernels (`RELU_LAB_PORTABLE=1`), and in the browser (wasm32). Each with its
//! fingerprint (`engine::report::fingerprint`) as computed natively: `tests/same_bits.rs` checks the
//! list against both native paths, `tests/web.rs` against the browser. After a change that moves
//! the bits on purpose, print the list again with
//! `cargo test --test same_bits -- --ignored --nocapture print_the_list`.

/// A few epochs, small batches: every run.
pub const TRAINING: &str = "epochs=12&batch=16";
/// Small data (120 points of `arange`, 80 fitted and 20 validated; 100 of other data), unless a run
/// trains on its own points.
pub const DATA: &str = "stop=121&train=100";
/// Both scales standard, unless a run names a scaling.
pub const SCALES: &str = "xscale=standard&yscale=standard";

/// (the rest of the link after `DATA`, the fingerprint natively).
pub const RUNS: &[(&str, &str)] = &[
    ("hidden=128&opt=sgd&lr=0.001", "3576202be64d9531"),
    ("hidden=8,8,4&opt=momentum&lr=0.01&out=linear", "e114a2e5fe2076d2"),
    ("hidden=8,8,4&act=prelu&opt=nesterov&lr=0.01&out=linear", "11b3e7f843107560"),
    ("hidden=16&act=prelu&opt=adam&lr=0.01", "33360f75174dfc40"),
    ("hidden=16&act=elu&opt=rmsprop&lr=0.001&out=linear", "b8c66fc2e0403932"),
    ("hidden=8,4&act=selu&opt=adagrad&lr=0.1&out=linear", "7664c92d6f54896a"),
    ("hidden=8,8&act=sigmoid&opt=adamw&lr=0.01&out=linear", "63374920a7cba767"),
    ("hidden=12&act=tanh&opt=adam&lr=0.01&out=sigmoid", "633c152087cfb2d1"),
    ("hidden=8&act=leaky_relu&opt=sgd&lr=0.01&out=softmax", "bc5642ceda878b3d"),
    ("hidden=16&opt=adamw&lr=0.01&weight_decay=0.01&out=linear&clipnorm=0.5", "852205a709ae0d50"),
    ("hidden=8,8&opt=sgd&lr=0.1&out=linear&global_clipnorm=1", "8c3d7caa11c7e43d"),
    ("hidden=16&opt=momentum&lr=0.1&out=linear&clipvalue=0.05", "943f1a289844e286"),
    ("hidden=16&opt=adam&lr=0.001&out=linear&schedule=cosine&decay_steps=60&warmup_target=0.02&warmup_steps=20&cosine_alpha=0.1", "b59b3ec556a9a37e"),
    ("hidden=16&opt=sgd&lr=0.05&out=linear&schedule=exponential&decay_steps=10&decay_rate=0.9&staircase=1", "5c3877db93403991"),
    ("hidden=16,8&act=elu&opt=adam&lr=0.01&out=linear&f=abs(x)", "838366944ef847ce"),
    ("data=randn&n=150&noise=0.5&hidden=8,8,4&opt=adam&lr=0.01&out=linear", "f4d94b4a48e7a6bd"),
    ("hidden=16&bn=1&opt=sgd&lr=0.01&out=linear", "a6944a09ad6a5a81"),
    ("hidden=8,4&act=prelu&bn=1&opt=adam&lr=0.01&out=linear", "2da9c7e99ac7d320"),
    ("data=uniform&lo=-3&hi=5&n=150&hidden=16&act=sigmoid&opt=adam&lr=0.01&out=linear", "5b731e621fca9bb9"),
    // Raw x and y (the learner's own program), and each other scaling.
    ("xscale=none&yscale=none&hidden=16&opt=sgd&lr=0.00001", "79d635cf383c8067"),
    ("xscale=none&yscale=standard&hidden=8,8&opt=adam&lr=0.01&out=linear", "64ceae8207c33df3"),
    ("xscale=minmax&yscale=none&hidden=16&opt=rmsprop&lr=0.01&out=linear", "4cd768e37981f5e1"),
    ("xscale=maxabs&yscale=standard&hidden=16&act=tanh&opt=momentum&lr=0.05&out=linear", "6b88c11438c208f1"),
    // Each initialiser (glorot_uniform is the default above), RAI included.
    ("init=glorot_normal&hidden=16&opt=sgd&lr=0.05&out=linear", "8419abbe810f99b2"),
    ("init=he_uniform&hidden=8,8&opt=adam&lr=0.01&out=linear", "f7362ce61a774362"),
    ("init=he_normal&hidden=16&act=leaky_relu&opt=sgd&lr=0.05&out=linear", "e4e31b8d399b6f04"),
    ("init=lecun_uniform&hidden=16&act=selu&opt=adam&lr=0.01&out=linear", "76ca870eb5e43871"),
    ("init=lecun_normal&hidden=8,8&act=selu&opt=sgd&lr=0.05&out=linear", "6ee3a19c71d96d84"),
    ("init=rai&hidden=16&opt=sgd&lr=0.01", "1c2c3d5120d400a6"),
    // A linear network, and batch normalization with raw x and a deeper net.
    ("hidden=8,8&act=linear&opt=sgd&lr=0.01&out=linear", "e90496ea310c40af"),
    ("xscale=none&yscale=none&bn=1&hidden=8,8&act=elu&opt=adam&lr=0.01&out=linear", "eb7433e05aa9bb41"),
    // Formulas: every function and operator the parser takes.
    ("f=sin(2*pi*x)%2Bcos(x)-tan(x/200)&hidden=16&act=tanh&opt=adam&lr=0.01&out=linear", "e268afee5f172763"),
    ("f=exp(-x/60)*sqrt(x)%2Blog(x)-x^2/1000&hidden=16&opt=adam&lr=0.01&out=linear", "54cf72b998988616"),
    ("f=step(x-60)*tanh(x/30)%2Bmax(x,40)-min(x,80)%2Babs(x-60)&hidden=16,8&opt=adam&lr=0.01&out=linear", "8f581d3f0191243d"),
    // The learner's own points (40 of them, every row trained on).
    ("data=own&train=40&pts=AbLRoVfbGp0Klz2xqNCnZ9safQpUXbGm0KMU2xpdCghNsaTbChOdsaPbCjR9saLbClMdsaHbCmh9sdsKgJ2wqdsKiT2wqNsKk22wp9sKk22wptsKiW2wpdsKgW2wpNsKcB2wo9sKVW2wotsKOF2wodsKGY0NDQodCi0KLQo5PQo9CldNCk0Kcz0KXQqGbQptCpaNCn0aA00KjRoGTQqdGgVdHRoAnRodCpKdGi0KgZ0aPQpoXRpNClMdGl0KNm0abQoZjRp9CgM9Go2woRnRqdsKJR0&hidden=16&act=tanh&opt=adam&lr=0.01&out=linear", "4ba95832e25ef72a"),
    // Layers the batched passes take in tiles of 32, 16 and 8 units and the rest one by one: their
    // fingerprints as the sample-by-sample passes gave them (main before the batching).
    ("hidden=32,32,32,32&opt=adam&lr=0.01&out=linear", "3252eb2587847411"),
    ("hidden=16,16,16,16,16,16,16,16&act=leaky_relu&opt=sgd&lr=0.01&out=linear", "d6aed4880a97a081"),
    ("hidden=37,24&act=tanh&opt=rmsprop&lr=0.001&out=linear", "778ba5da91c87811"),
    ("hidden=40,33&act=prelu&opt=adam&lr=0.01&out=linear", "060fe00f42d5d785"),
];

/// The full link of one run: `TRAINING`, then `DATA` unless the run trains on its own points
/// (`data=own`), then `SCALES` unless it names a scaling, then the run's own keys.
pub fn link(rest: &str) -> String {
    let keys: Vec<&str> = rest
        .split('&')
        .filter_map(|p| p.split('=').next())
        .collect();
    let mut parts = vec![TRAINING];
    if !rest.split('&').any(|pair| pair == "data=own") {
        parts.push(DATA);
    }
    if !keys.contains(&"xscale") && !keys.contains(&"yscale") {
        parts.push(SCALES);
    }
    parts.push(rest);
    parts.join("&")
}
