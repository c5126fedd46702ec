//! Runs that must give the same bits on every path the lab trains on: natively with AVX2, natively
//! with the portable kernels (`RELU_LAB_PORTABLE=1`), and in the browser (wasm32). Each with its
//! fingerprint (`engine::report::fingerprint`) as computed natively: `tests/same_bits.rs` checks the
//! list against both native paths, `tests/web.rs` against the browser. After a change that moves
//! the bits on purpose, print the list again with
//! `cargo test --test same_bits -- --ignored --nocapture print_the_list`.

/// Small data (120 points of `arange`, 80 fitted and 20 validated, both scales standard), a few epochs, small batches.
pub const DATA: &str = "stop=121&train=100&xscale=standard&yscale=standard&epochs=12&batch=16";

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
];

/// The full link of one run.
pub fn link(rest: &str) -> String {
    format!("{DATA}&{rest}")
}
