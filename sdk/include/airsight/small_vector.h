// airsight SDK: SmallVector, a vector whose first N elements live inside it.
//
// A tracked device usually has one seen-by source, one or two frequencies
// and one PHY component. Kept inline, they cost no heap allocation per
// device and, on the packet path, no pointer chase to a separate cache line:
// at 100,000 devices those chases are most of the time a frame takes.
// Elements past the first N go to a std::vector.
#ifndef AIRSIGHT_SMALL_VECTOR_H
#define AIRSIGHT_SMALL_VECTOR_H

#include <array>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace airsight {

/// The subset of std::vector the device record needs: push_back,
/// emplace_back, pop_back, erase, indexing, size, and random-access iteration. T must be
/// default-constructible (the inline slots always hold a T, unused ones a
/// default one). References stay valid until the next push_back beyond N
/// elements, as with std::vector.
template <typename T, std::size_t N> class SmallVector {
    static_assert(N > 0, "use std::vector when nothing is kept inline");

    template <bool Const> class Iterator {
        using Owner = std::conditional_t<Const, const SmallVector, SmallVector>;

    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;

        Iterator() = default;
        Iterator(Owner* owner, std::size_t index) : owner_(owner), index_(index) {}
        operator Iterator<true>() const { return {owner_, index_}; } // iterator -> const_iterator

        reference operator*() const { return (*owner_)[index_]; }
        pointer operator->() const { return &(*owner_)[index_]; }
        reference operator[](difference_type n) const { return (*owner_)[index_ + n]; }
        Iterator& operator++() { ++index_; return *this; }
        Iterator operator++(int) { Iterator old = *this; ++index_; return old; }
        Iterator& operator--() { --index_; return *this; }
        Iterator operator--(int) { Iterator old = *this; --index_; return old; }
        Iterator& operator+=(difference_type n) { index_ += n; return *this; }
        Iterator& operator-=(difference_type n) { index_ -= n; return *this; }
        friend Iterator operator+(Iterator i, difference_type n) { return i += n; }
        friend Iterator operator+(difference_type n, Iterator i) { return i += n; }
        friend Iterator operator-(Iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b)
        {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }
        friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.index_ <=> b.index_; }

    private:
        Owner* owner_ = nullptr;
        std::size_t index_ = 0;
    };

public:
    using value_type = T;
    using iterator = Iterator<false>;
    using const_iterator = Iterator<true>;

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    T& operator[](std::size_t i) { return i < N ? head_[i] : tail_[i - N]; }
    const T& operator[](std::size_t i) const { return i < N ? head_[i] : tail_[i - N]; }
    T& back() { return (*this)[size_ - 1]; }
    const T& back() const { return (*this)[size_ - 1]; }

    iterator begin() { return {this, 0}; }
    iterator end() { return {this, size_}; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

    void push_back(T value) { emplace_back(std::move(value)); }
    template <typename... Args> T& emplace_back(Args&&... args)
    {
        if (size_ < N) {
            head_[size_] = T(std::forward<Args>(args)...);
            return head_[size_++];
        }
        T& added = tail_.emplace_back(std::forward<Args>(args)...);
        ++size_;
        return added;
    }
    void pop_back()
    {
        if (size_ > N)
            tail_.pop_back();
        else
            head_[size_ - 1] = T();
        --size_;
    }
    /// Removes one element, moving the later ones down; returns the position after it.
    iterator erase(const_iterator position)
    {
        const std::size_t at = static_cast<std::size_t>(position - begin());
        for (std::size_t i = at; i + 1 < size_; ++i) (*this)[i] = std::move((*this)[i + 1]);
        pop_back();
        return {this, at};
    }
    void clear()
    {
        for (std::size_t i = 0; i < N && i < size_; ++i) head_[i] = T();
        tail_.clear();
        size_ = 0;
    }

private:
    std::size_t size_ = 0; // first: read by every iteration, beside the first element
    std::array<T, N> head_{};
    std::vector<T> tail_;
};

} // namespace airsight

#endif
