// airsight SDK: FunctionRef, a non-owning reference to a callable.
//
// The packet path calls the device tracker with a lambda for every device a
// frame touches. A std::function would copy a lambda that captures more than
// a couple of references to the heap on every call; a FunctionRef only points
// at it, so passing one never allocates. It must not outlive the callable it
// refers to: take it as a parameter, never store it.
#ifndef AIRSIGHT_FUNCTION_REF_H
#define AIRSIGHT_FUNCTION_REF_H

#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace airsight {

template <typename Signature> class FunctionRef;

template <typename R, typename... Args> class FunctionRef<R(Args...)> {
public:
    /// An empty reference: false in a boolean context, must not be called.
    FunctionRef() noexcept = default;
    FunctionRef(std::nullptr_t) noexcept {}

    template <typename F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
    FunctionRef(F&& f) noexcept // NOLINT: implicit, so any lambda converts
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_([](void* object, Args... args) -> R {
              return std::invoke(*static_cast<std::remove_reference_t<F>*>(object), std::forward<Args>(args)...);
          })
    {
    }

    explicit operator bool() const noexcept { return call_ != nullptr; }
    R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

private:
    void* object_ = nullptr;
    R (*call_)(void*, Args...) = nullptr;
};

} // namespace airsight

#endif
